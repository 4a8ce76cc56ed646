using System.Diagnostics;
using Workforce.V1;

namespace Workforce.IntegrationTests;

/// <summary>Synthetic staffing changes: ids are random, no real person is described.</summary>
public static class Requests
{
    public static RecordAssignmentRequest Assignment(string authority = "841", string? staffId = null, string? changeId = null, double fte = 1.0) => new()
    {
        Authority = authority,
        StaffId = staffId ?? "post-" + Guid.NewGuid().ToString("N")[..10],
        ChangeId = changeId ?? "chg-" + Guid.NewGuid().ToString("N"),
        EffectiveFrom = new Google.Type.Date { Year = 2025, Month = 4, Day = 1 },
        Team = "assessment-1",
        CensusRole = 5,
        Contract = ContractType.Employed,
        Fte = fte,
        Registered = true,
        CaseHolding = true,
    };

    /// <summary>A W3C traceparent with a fresh trace id, as an upstream caller would send it.</summary>
    public static (string TraceId, string TraceParent) NewTrace()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        return (traceId, $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
    }
}
