namespace Workforce.ServiceDefaults.Caching;

/// <summary>
/// The PostgreSQL side of <see cref="CouncilChanges"/>: a trigger on every table a service caches notifies the
/// council's authority on <see cref="Channel"/>. PostgreSQL delivers notifications only when the writing
/// transaction commits, and folds a transaction's repeats into one, so a batch of a council's rows is one
/// notification. Triggers catch every writer: this service, its replicas, the purge, operators' SQL.
/// </summary>
public static class CouncilChangeNotifications
{
    public const string Channel = "workforce_council_changes";

    private const string Function = "workforce_notify_council_change";

    /// <summary>The function and one row trigger per table (each table has an <c>Authority</c> column).</summary>
    public static string Create(IEnumerable<string> tables) =>
        $$"""
        CREATE OR REPLACE FUNCTION {{Function}}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' THEN
            PERFORM pg_notify('{{Channel}}', OLD."Authority");
          ELSE
            PERFORM pg_notify('{{Channel}}', NEW."Authority");
            IF TG_OP = 'UPDATE' AND OLD."Authority" IS DISTINCT FROM NEW."Authority" THEN
              PERFORM pg_notify('{{Channel}}', OLD."Authority");
            END IF;
          END IF;
          RETURN NULL;
        END $$;
        """
        + string.Concat(tables.Select(table => $"""

            CREATE TRIGGER {Trigger(table)} AFTER INSERT OR UPDATE OR DELETE ON "{table}"
              FOR EACH ROW EXECUTE FUNCTION {Function}();
            """));

    /// <summary>The triggers; the function stays, as other services' triggers may share a database with it.</summary>
    public static string Drop(IEnumerable<string> tables) =>
        string.Concat(tables.Select(table => $"""DROP TRIGGER IF EXISTS {Trigger(table)} ON "{table}";""" + "\n"));

    public static string Trigger(string table) => $"{table}_council_change";
}
