using Caseload.Api.Domain;

namespace Caseload.Api.Tests.Domain.Forecasting;

/// <summary>A synthetic council's workers and allocation log, built up test by test.</summary>
public sealed class CouncilBuilder
{
    private readonly AllocationLog _log = new();

    public Dictionary<string, Worker> Workers { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<CaseTimeline> Timelines => _log.Timelines;

    public Worker Worker(string staffId, decimal fte, DateOnly from, DateOnly? to = null, bool agency = false, string team = "north", DateOnly? asyeStart = null)
    {
        var worker = new Worker
        {
            Authority = "841",
            StaffId = staffId,
            Version = 1,
            Periods = [new WorkerPeriod { From = from, To = to, Team = team, FteMillionths = (long)(fte * 1_000_000), Registered = true, CaseHolding = true, Agency = agency, AsyeStart = asyeStart }],
        };
        Workers[staffId] = worker;
        return worker;
    }

    /// <summary><paramref name="count"/> cases opened on <paramref name="from"/> for the worker, closed on <paramref name="to"/> when given.</summary>
    public void Cases(string staffId, int count, DateOnly from, DateOnly? to = null)
    {
        for (var i = 0; i < count; i++)
        {
            var caseId = $"{staffId}-{from:yyyyMMdd}-{i}";
            _log.Add(AllocationKind.Open, caseId, from, staffId);
            if (to is { } closed)
            {
                _log.Add(AllocationKind.Close, caseId, closed, null);
            }
        }
    }
}
