using System.Diagnostics;
using Workforce.V1;

namespace Workforce.IntegrationTests;

/// <summary>Synthetic staffing changes: ids are random, no real person is described.</summary>
public static class Requests
{
    public static string NewStaffId() => "post-" + Guid.NewGuid().ToString("N")[..10];

    public static StaffChange Assignment(string? staffId = null, double fte = 1.0, Google.Type.Date? from = null, string? changeId = null) => new()
    {
        ChangeId = changeId ?? "chg-" + Guid.NewGuid().ToString("N"),
        StaffId = staffId ?? NewStaffId(),
        EffectiveDate = from ?? Day(2025, 4, 1),
        Assignment = new Assignment
        {
            Team = "assessment-1",
            CensusRole = 5,
            Contract = ContractType.Employed,
            Fte = fte,
            Registered = true,
            CaseHolding = true,
        },
    };

    /// <summary>Case-holding worker number <paramref name="index"/> of an authority, in post since 2020.</summary>
    public static StaffChange CaseHoldingWorker(string authority, int index, double fte) =>
        Assignment(staffId: $"sw-{authority}-{index:0000}", fte: fte, from: Day(2020, 1, 1), changeId: $"{authority}-start-{index}");

    /// <summary>Case number <paramref name="index"/> of an authority opened for a worker (ids are opaque pseudonyms).</summary>
    public static Caseload.V1.AllocationChange OpenCase(string authority, int index, string staffId, Google.Type.Date day) => new()
    {
        ChangeId = $"{authority}-open-{index}",
        CaseId = $"case-{authority}-{index}",
        EffectiveDate = day,
        Open = new Caseload.V1.Open { Category = Caseload.V1.CaseCategory.ChildInNeed, StaffId = staffId },
    };

    public static RecordStaffChangesRequest Batch(string authority, params StaffChange[] changes)
    {
        var request = new RecordStaffChangesRequest { Authority = authority };
        request.Changes.AddRange(changes);
        return request;
    }

    public static Google.Type.Date Day(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    /// <summary>A W3C traceparent with a fresh trace id, as an upstream caller would send it.</summary>
    public static (string TraceId, string TraceParent) NewTrace()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        return (traceId, $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
    }
}
