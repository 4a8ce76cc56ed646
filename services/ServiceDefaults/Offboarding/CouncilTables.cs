using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Workforce.ServiceDefaults.Offboarding;

/// <summary>A table holding council data, and its column naming the council.</summary>
public sealed record CouncilTable(string Name, string? Schema, string AuthorityColumn);

/// <summary>Which tables of a service's model hold council data: every entity type with an <c>Authority</c>, found from the model.</summary>
public static class CouncilTables
{
    public const string AuthorityProperty = "Authority";

    /// <summary>
    /// The tables to clear for a council, those holding foreign keys before the tables they point at. Throws when an entity
    /// type has no <c>Authority</c> and is not declared <see cref="CouncilIndependentAttribute"/>: offboarding could not
    /// find a council's rows in it.
    /// </summary>
    public static IReadOnlyList<CouncilTable> Of(IModel model)
    {
        var undeclared = new List<string>();
        var tables = new Dictionary<(string, string?), (CouncilTable Table, int Depth)>();
        foreach (var entity in model.GetEntityTypes())
        {
            // An entity type mapped to no table (a view, a query type) holds no rows to delete.
            if (entity.ClrType.GetCustomAttribute<CouncilIndependentAttribute>() is not null || entity.GetTableName() is not { } name)
            {
                continue;
            }

            if (entity.FindProperty(AuthorityProperty) is not { } authority)
            {
                undeclared.Add(entity.DisplayName());
                continue;
            }

            var column = authority.GetColumnName(StoreObjectIdentifier.Table(name, entity.GetSchema()))!;
            tables.TryAdd((name, entity.GetSchema()), (new CouncilTable(name, entity.GetSchema(), column), Depth(entity)));
        }

        if (undeclared.Count > 0)
        {
            throw new InvalidOperationException(
                $"Entity types {string.Join(", ", undeclared.Order(StringComparer.Ordinal))} have no {AuthorityProperty} property and are not declared " +
                $"[{nameof(CouncilIndependentAttribute).Replace("Attribute", "", StringComparison.Ordinal)}]: offboarding a council could not delete its rows there.");
        }

        return tables.Values
            .OrderByDescending(t => t.Depth)
            .ThenBy(t => t.Table.Name, StringComparer.Ordinal)
            .Select(t => t.Table)
            .ToList();
    }

    private static int Depth(IEntityType entity) =>
        entity.GetForeignKeys().Where(k => k.PrincipalEntityType != entity).Select(k => 1 + Depth(k.PrincipalEntityType)).DefaultIfEmpty(0).Max();
}
