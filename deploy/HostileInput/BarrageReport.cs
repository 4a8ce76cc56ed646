using System.Globalization;
using System.Text;
using Grpc.Core;

namespace Workforce.HostileInput;

/// <summary>The barrage's results: the coverage matrix, the statuses, and whether the data stayed as it was.</summary>
public sealed record BarrageReport(IReadOnlyList<Result> Results, Snapshot Before, Snapshot After, TimeSpan Elapsed)
{
    public bool ExportIdentical => Before.Text == After.Text;

    public IReadOnlyList<Result> ServerFaults => Results.Where(r => r.IsServerFault).ToList();

    public IReadOnlyList<Result> MissingViolations => Results.Where(r => r.MissesViolations).ToList();

    public IReadOnlyList<Result> Unexpected => Results.Where(r => r.IsUnexpected).ToList();

    /// <summary>Rows: RPC and field; columns: categories; cells: requests sent.</summary>
    public string CoverageMatrix()
    {
        var categories = Enum.GetValues<Category>();
        var headers = categories.Select(Short).ToArray();
        var rows = Results.GroupBy(r => (r.Request.Service, r.Request.Rpc, r.Request.Field))
            .OrderBy(g => g.Key.Service, StringComparer.Ordinal).ThenBy(g => g.Key.Rpc, StringComparer.Ordinal).ThenBy(g => g.Key.Field, StringComparer.Ordinal)
            .Select(g => (Label: $"{g.Key.Service}.{g.Key.Rpc} {g.Key.Field}", Counts: categories.Select(c => g.Count(r => r.Request.Category == c)).ToArray()))
            .ToList();
        var width = rows.Max(r => r.Label.Length);
        var text = new StringBuilder();
        text.Append("RPC field".PadRight(width));
        foreach (var header in headers)
        {
            text.Append(' ').Append(header.PadLeft(6));
        }

        text.Append('\n');
        foreach (var (label, counts) in rows)
        {
            text.Append(label.PadRight(width));
            foreach (var count in counts)
            {
                text.Append(' ').Append((count == 0 ? "." : count.ToString(CultureInfo.InvariantCulture)).PadLeft(6));
            }

            text.Append('\n');
        }

        text.Append($"{rows.Count} (RPC, field) rows over {Results.Select(r => (r.Request.Service, r.Request.Rpc)).Distinct().Count()} RPCs; "
            + $"{Results.Select(r => (r.Request.Service, r.Request.Rpc, r.Request.Field, r.Request.Category)).Distinct().Count()} cells hit. Columns: "
            + string.Join(", ", categories.Select(c => $"{Short(c)} {c}")) + ".\n");
        return text.ToString();
    }

    public string Summary()
    {
        var text = new StringBuilder();
        void Line(string what, object value) => text.Append(what.PadRight(44)).Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
        Line("requests", Results.Count);
        foreach (var group in Results.GroupBy(r => r.Outcome.Status).OrderBy(g => g.Key))
        {
            Line($"  {Name(group.Key)}", group.Count());
        }

        Line("INTERNAL (must be 0)", Results.Count(r => r.Outcome.Status == StatusCode.Internal));
        Line("UNKNOWN or DATA_LOSS (must be 0)", Results.Count(r => r.Outcome.Status is StatusCode.Unknown or StatusCode.DataLoss));
        Line("INVALID_ARGUMENT without field violations", MissingViolations.Count);
        Line("status other than the certain one", Unexpected.Count);
        Line("writes accepted in the sandbox council", Results.Count(r => r.Request.Sandboxed && r.Outcome.Status == StatusCode.OK));
        Line("bytes sent (MiB)", (Results.Sum(r => r.Request.Bytes) / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture));
        Line("elapsed (s)", Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        Line("requests per second", (Results.Count / Math.Max(Elapsed.TotalSeconds, 0.001)).ToString("0", CultureInfo.InvariantCulture));
        Line("export rows (before / after)", $"{Before.Rows} / {After.Rows}");
        Line("export identical", ExportIdentical ? $"yes (sha256 {Before.Sha256})" : $"NO ({Before.Sha256} before, {After.Sha256} after)");
        return text.ToString();
    }

    /// <summary>Up to <paramref name="limit"/> failing requests, described well enough to replay by hand.</summary>
    public string Failures(int limit = 20)
    {
        var failing = ServerFaults.Concat(MissingViolations).Concat(Unexpected).Distinct().Take(limit);
        return string.Concat(failing.Select(r =>
            $"#{r.Request.Index} {r.Request.Service}.{r.Request.Rpc} {r.Request.Field} {r.Request.Category} [{r.Request.Variant}] -> {Name(r.Outcome.Status)}"
            + (r.Request.Expected is { } e ? $" (expected {Name(e)})" : "") + $": {r.Outcome.Message}\n"));
    }

    public bool Passed => ServerFaults.Count == 0 && MissingViolations.Count == 0 && Unexpected.Count == 0 && ExportIdentical;

    private static string Name(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.DataLoss => "DATA_LOSS",
        _ => code.ToString().ToUpperInvariant(),
    };

    private static string Short(Category category) => category switch
    {
        Category.WrongType => "type",
        Category.OutOfRange => "range",
        Category.Huge => "huge",
        Category.Empty => "empty",
        Category.MalformedDate => "bad-dt",
        Category.BoundaryDate => "edg-dt",
        Category.UnknownEnum => "enum",
        Category.OtherCouncil => "other",
        Category.MissingToken => "no-tok",
        Category.ForgedToken => "forged",
        Category.ExpiredToken => "expird",
        Category.WrongAudienceToken => "aud",
        _ => "role",
    };
}
