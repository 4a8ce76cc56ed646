using Caseload.V1;
using Workforce.ServiceDefaults.Grpc;

namespace Caseload.Api.Grpc;

/// <summary>Checks a reported-caseloads request at the edge; every problem is named by field.</summary>
public static class ReportedCaseloadsValidator
{
    public const int MaxWorkers = 20_000;

    public static (DateOnly ReferenceDate, List<(string StaffId, int Cases, long FteMillionths)> Workers) Parse(RecordReportedCaseloadsRequest request)
    {
        var violations = new FieldViolations();
        Identifiers.Check(violations, "authority", request.Authority, Identifiers.MaxAuthorityLength);
        var referenceDate = default(DateOnly);
        if (request.ReferenceDate is null || !Dates.TryToQueryDate(request.ReferenceDate, out referenceDate))
        {
            violations.Add("reference_date", "must be a valid date from 1900 to 2199");
        }

        if (request.Source.Length is 0 or > 64 || request.Source.Any(char.IsControl))
        {
            violations.Add("source", "is required: at most 64 characters, no control characters (e.g. 'DfE census 2025')");
        }

        if (request.Workers.Count is 0 or > MaxWorkers)
        {
            violations.Add("workers", $"from 1 to {MaxWorkers} workers, each once");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var workers = new List<(string, int, long)>(request.Workers.Count);
        for (var i = 0; i < request.Workers.Count && i < MaxWorkers; i++)
        {
            var worker = request.Workers[i];
            Identifiers.CheckPseudonym(violations, $"workers[{i}].staff_id", worker.StaffId);
            if (!seen.Add(worker.StaffId))
            {
                violations.Add($"workers[{i}].staff_id", "appears more than once");
            }

            if (worker.Cases is < 0 or > 10_000)
            {
                violations.Add($"workers[{i}].cases", "must be from 0 to 10000");
            }

            var fte = double.IsNaN(worker.Fte) ? 0 : (long)Math.Round(worker.Fte * 1_000_000, MidpointRounding.AwayFromZero);
            if (fte is <= 0 or > 1_000_000)
            {
                violations.Add($"workers[{i}].fte", "must be greater than 0 and at most 1");
            }

            workers.Add((worker.StaffId, worker.Cases, fte));
        }

        violations.ThrowIfAny();
        return (referenceDate, workers);
    }
}
