using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Bm = Benchmarks.V1;
using Date = Google.Type.Date;
using Cl = Caseload.V1;
using Sv = Supervision.V1;
using Wf = Workforce.V1;

namespace Workforce.HostileInput;

/// <summary>The councils a barrage touches: the one it attacks, another it must not reach, and a sandbox that takes writes the API may legitimately accept.</summary>
public sealed record Councils(string Main = "841", string Other = "840", string Sandbox = "hostile-sandbox");

/// <summary>One RPC under attack, with a valid request to start every mutation from.</summary>
internal sealed record Rpc(string Service, string Package, string Name, bool Writes, bool Streaming, string Role, Func<string, IMessage> Baseline)
{
    public string Method => $"/{Package}/{Name}";

    public string Label => $"{Service}.{Name}";
}

/// <summary>Every RPC of the three services, and valid requests for each: the starting points of the barrage and the seed data.</summary>
internal static class Catalogue
{
    private const string Workforce = "workforce.v1.StaffRegister";
    private const string Caseload = "caseload.v1.CaseAllocations";
    private const string Supervision = "supervision.v1.SupervisionRecords";
    private const string Benchmarks = "benchmarks.v1.Benchmarks";

    public static readonly IReadOnlyList<Rpc> Rpcs =
    [
        new("workforce", Workforce, "RecordStaffChanges", true, false, "hr-writer", StaffChanges),
        new("workforce", Workforce, "StreamStaffChanges", true, true, "hr-writer", StaffChanges),
        new("workforce", Workforce, "ListStaff", false, false, "analyst", a => new Wf.ListStaffRequest { Authority = a, AsOf = Day(2025, 9, 30), KnownAt = Now, Team = "team-" + a, CensusRole = 5, Contract = Wf.ContractType.Employed, CaseHolding = true, PageSize = 10, PageToken = "" }),
        new("workforce", Workforce, "GetStaffMember", false, false, "analyst", a => new Wf.GetStaffMemberRequest { Authority = a, StaffId = $"sw-{a}-1", AsOf = Day(2025, 9, 30), KnownAt = Now }),
        new("workforce", Workforce, "GetAgencyRate", false, false, "analyst", Figure),
        new("workforce", Workforce, "BatchGetAgencyRates", false, false, "analyst", a => new Wf.BatchGetAgencyRatesRequest { Authorities = { a }, AsOf = Day(2025, 9, 30) }),
        new("workforce", Workforce, "GetAgencyRateSeries", false, false, "analyst", WorkforceSeries),
        new("workforce", Workforce, "GetWorkforceStability", false, false, "analyst", Figure),
        new("workforce", Workforce, "GetWorkforceStabilitySeries", false, false, "analyst", WorkforceSeries),
        new("workforce", Workforce, "GetCouncilSettings", false, false, "analyst", a => new Wf.GetCouncilSettingsRequest { Authority = a, AsOf = Day(2025, 9, 30), KnownAt = Now }),
        new("workforce", Workforce, "SetCouncilSettings", true, false, "operations", Settings),
        new("workforce", Workforce, "ReconcileStaff", true, false, "hr-writer", Reconcile),
        new("workforce", Workforce, "ExportCensusReturn", false, false, "analyst", a => new Wf.ExportCensusReturnRequest { Authority = a, Year = 2025, KnownAt = Now }),
        new("workforce", Benchmarks, "GetBenchmark", false, false, "analyst", a => Benchmark(a, Bm.Measure.AgencyRate)),
        new("caseload", Caseload, "RecordAllocationChanges", true, false, "case-writer", Allocations),
        new("caseload", Caseload, "StreamAllocationChanges", true, true, "case-writer", Allocations),
        new("caseload", Caseload, "GetTargetProgress", false, false, "analyst", a => new Cl.TargetProgressRequest { Authority = a, Team = "team-" + a, Category = Cl.CaseCategory.ChildInNeed, AsOf = Day(2025, 9, 30), KnownAt = Now, AsyeWeight = 0.6, ExcludeLongTermAbsence = true }),
        new("caseload", Caseload, "BatchGetTargetProgress", false, false, "analyst", a => new Cl.BatchGetTargetProgressRequest { Authorities = { a }, AsOf = Day(2025, 9, 30) }),
        new("caseload", Caseload, "GetTargetProgressSeries", false, false, "analyst", a => new Cl.TargetProgressSeriesRequest { Authority = a, Team = "team-" + a, Category = Cl.CaseCategory.ChildInNeed, From = Day(2025, 1, 1), To = Day(2025, 9, 30), KnownAt = Now, TrendMonths = 3 }),
        new("caseload", Caseload, "ListCaseloads", false, false, "analyst", a => new Cl.ListCaseloadsRequest { Authority = a, Team = "team-" + a, Category = Cl.CaseCategory.ChildInNeed, AsOf = Day(2025, 9, 30), KnownAt = Now, PageSize = 10, PageToken = "", Order = Cl.CaseloadOrder.CasesDescending }),
        new("caseload", Caseload, "GetUnallocatedCases", false, false, "analyst", CaseQuery),
        new("caseload", Caseload, "GetCasesNeedingReallocation", false, false, "analyst", CaseQuery),
        new("caseload", Caseload, "GetWorkerChanges", false, false, "analyst", a => new Cl.WorkerChangesRequest { Authority = a, Category = Cl.CaseCategory.ChildInNeed, From = Day(2025, 1, 1), To = Day(2025, 9, 30), KnownAt = Now }),
        new("caseload", Caseload, "GetCaseloadForecast", false, false, "analyst", Forecast),
        new("caseload", Caseload, "RecordReportedCaseloads", true, false, "case-writer", a => new Cl.RecordReportedCaseloadsRequest
        {
            Authority = a, ReferenceDate = Day(2025, 9, 30), Source = "DfE census 2025",
            Workers = { new Cl.ReportedCaseload { StaffId = $"sw-{a}-1", Cases = 17, Fte = 0.8 }, new Cl.ReportedCaseload { StaffId = $"sw-{a}-3", Cases = 0, Fte = 1 } },
        }),
        new("caseload", Benchmarks, "GetBenchmark", false, false, "analyst", a => Benchmark(a, Bm.Measure.Caseload)),
        new("supervision", Supervision, "RecordSessions", true, false, "supervision-writer", Sessions),
        new("supervision", Supervision, "StreamSessions", true, true, "supervision-writer", Sessions),
        new("supervision", Supervision, "GetRegularity", false, false, "analyst", Regularity),
        new("supervision", Supervision, "ListOverdue", false, false, "analyst", Regularity),
        new("supervision", Supervision, "GetSupervisionHistory", false, false, "analyst", a => new Sv.SupervisionHistoryRequest { Authority = a, StaffId = $"sw-{a}-1", From = Day(2025, 1, 1), To = Day(2025, 9, 30), KnownAt = Now }),
        new("supervision", Supervision, "GetRegularitySeries", false, false, "analyst", a => new Sv.RegularitySeriesRequest { Authority = a, Team = "team-" + a, SupervisorStaffId = $"sw-{a}-4", From = Day(2025, 1, 1), To = Day(2025, 9, 30), KnownAt = Now }),
    ];

    /// <summary>A fixed "known at" after any data the barrage meets, so the request bytes do not depend on the clock.</summary>
    private static Timestamp Now => new() { Seconds = 4_102_444_800 };

    public static Date Day(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    /// <summary>Valid writes that give a council four staff, open cases and supervision sessions (idempotent by id).</summary>
    public static IEnumerable<(Rpc Rpc, IMessage Request)> SeedData(string authority)
    {
        var staff = new Wf.RecordStaffChangesRequest { Authority = authority };
        for (var i = 1; i <= 4; i++)
        {
            staff.Changes.Add(new Wf.StaffChange
            {
                ChangeId = $"seed-{authority}-start-{i}",
                StaffId = $"sw-{authority}-{i}",
                EffectiveDate = Day(2024, 1, 1),
                Assignment = new Wf.Assignment { Team = "team-" + authority, CensusRole = i == 4 ? 3 : 5, Registered = true, Contract = i == 3 ? Wf.ContractType.Agency : Wf.ContractType.Employed, CoverReason = i == 3 ? Wf.CoverReason.Vacancy : Wf.CoverReason.Unspecified, Fte = 1, CaseHolding = i != 4, LineManagerStaffId = $"sw-{authority}-4" },
            });
        }

        staff.Changes.Add(new Wf.StaffChange { ChangeId = $"seed-{authority}-funded", EffectiveDate = Day(2024, 1, 1), Establishment = new Wf.Establishment { Team = "team-" + authority, FundedFte = 5 } });
        staff.Changes.Add(new Wf.StaffChange { ChangeId = $"seed-{authority}-sick", StaffId = $"sw-{authority}-2", EffectiveDate = Day(2025, 3, 3), Absence = new Wf.Absence { LastDay = Day(2025, 3, 7), Reason = Wf.AbsenceReason.Sickness, WorkingDaysLost = 5 } });
        yield return (Find("RecordStaffChanges"), staff);

        var cases = new Cl.RecordAllocationChangesRequest { Authority = authority };
        for (var i = 1; i <= 6; i++)
        {
            cases.Changes.Add(new Cl.AllocationChange { ChangeId = $"seed-{authority}-open-{i}", CaseId = $"case-{authority}-{i}", EffectiveDate = Day(2025, 1, i), Open = new Cl.Open { Category = Cl.CaseCategory.ChildInNeed, StaffId = i == 6 ? "" : $"sw-{authority}-{1 + (i % 3)}" } });
        }

        cases.Changes.Add(new Cl.AllocationChange { ChangeId = $"seed-{authority}-move-1", CaseId = $"case-{authority}-1", EffectiveDate = Day(2025, 6, 2), Allocate = new Cl.Allocate { StaffId = $"sw-{authority}-3" } });
        yield return (Find("RecordAllocationChanges"), cases);

        var sessions = new Sv.RecordSessionsRequest { Authority = authority };
        for (var i = 1; i <= 3; i++)
        {
            sessions.Sessions.Add(new Sv.Session { SessionId = $"seed-{authority}-session-{i}", SuperviseeStaffId = $"sw-{authority}-{i}", SupervisorStaffId = $"sw-{authority}-4", Date = Day(2025, 8, i), Minutes = 90, Kind = Sv.SessionKind.Individual, Actions = { new Sv.SessionAction { OwnerStaffId = $"sw-{authority}-{i}", DueDate = Day(2025, 9, i), CaseId = $"case-{authority}-{i}" } } });
        }

        yield return (Find("RecordSessions"), sessions);
    }

    public static Rpc Find(string name) => Rpcs.Single(r => r.Name == name);

    private static Wf.RecordStaffChangesRequest StaffChanges(string a) => new()
    {
        Authority = a,
        Changes =
        {
            new Wf.StaffChange { ChangeId = "hostile-assign", SourceVersion = 1, StaffId = $"sw-{a}-9", PersonId = "person-9", EffectiveDate = Day(2025, 4, 1), Assignment = new Wf.Assignment { Team = "team-" + a, CensusRole = 5, Registered = true, SweNumber = "SW123456", Contract = Wf.ContractType.Agency, CoverReason = Wf.CoverReason.AbsenceCover, Fte = 0.8, CaseHolding = true, LineManagerStaffId = $"sw-{a}-4", AsyeStart = Day(2025, 4, 1) } },
            new Wf.StaffChange { ChangeId = "hostile-absence", StaffId = $"sw-{a}-9", EffectiveDate = Day(2025, 5, 1), Absence = new Wf.Absence { LastDay = Day(2025, 5, 9), Reason = Wf.AbsenceReason.Sickness, WorkingDaysLost = 7 } },
            new Wf.StaffChange { ChangeId = "hostile-leaver", StaffId = $"sw-{a}-9", EffectiveDate = Day(2025, 8, 29), Leaver = new Wf.Leaver { Reason = "resigned" } },
            new Wf.StaffChange { ChangeId = "hostile-back", StaffId = $"sw-{a}-9", EffectiveDate = Day(2025, 9, 1), Reinstatement = new Wf.Reinstatement() },
            new Wf.StaffChange { ChangeId = "hostile-funded", EffectiveDate = Day(2025, 4, 1), Establishment = new Wf.Establishment { Team = "team-" + a, FundedFte = 6 } },
            new Wf.StaffChange { ChangeId = "hostile-undo", EffectiveDate = Day(2025, 9, 2), Correction = new Wf.Correction { RetractsChangeId = "hostile-absence" } },
        },
    };

    /// <summary>Applied, so a write (to the sandbox): an analyst's token alone is the wrong role.</summary>
    private static Wf.ReconcileStaffRequest Reconcile(string a) => new()
    {
        Authority = a,
        Apply = true,
        AsOf = Day(2025, 9, 30),
        Posts =
        {
            new Wf.HrPost { StaffId = $"sw-{a}-1", PersonId = $"person-{a}-1", Assignment = new Wf.Assignment { Team = "team-" + a, CensusRole = 5, Registered = true, SweNumber = "SW123456", Contract = Wf.ContractType.Employed, Fte = 1, CaseHolding = true, LineManagerStaffId = $"sw-{a}-4", AsyeStart = Day(2025, 4, 1) } },
            new Wf.HrPost { StaffId = $"sw-{a}-3", Assignment = new Wf.Assignment { Team = "team-" + a, CensusRole = 5, Registered = true, Contract = Wf.ContractType.Agency, CoverReason = Wf.CoverReason.Vacancy, Fte = 0.5, CaseHolding = true } },
        },
    };

    private static Wf.FigureRequest Figure(string a) => new() { Authority = a, Team = "team-" + a, CensusRole = 5, AsOf = Day(2025, 9, 30), KnownAt = Now };

    private static Bm.BenchmarkRequest Benchmark(string a, Bm.Measure measure) =>
        new() { Authority = a, Measure = measure, Release = 2025, Year = 2024, AsOf = Day(2025, 9, 30), KnownAt = Now };

    private static Wf.SeriesRequest WorkforceSeries(string a) => new() { Authority = a, Team = "team-" + a, CensusRole = 5, From = Day(2025, 1, 1), To = Day(2025, 9, 30), KnownAt = Now };

    private static Wf.SetCouncilSettingsRequest Settings(string a) => new()
    {
        Authority = a,
        ChangeId = "hostile-settings",
        SourceVersion = 1,
        EffectiveFrom = Day(2025, 4, 1),
        Settings = new Wf.CouncilSettings
        {
            CaseloadTarget = 18,
            CaseloadThresholds = { 20, 25 },
            AsyeCaseloadWeight = 0.6,
            LongTermAbsenceDays = 28,
            ReportingYearStartMonth = 4,
            ReportingYearStartDay = 1,
            Supervision = new Wf.SupervisionPolicy { AsyeWeeklyWeeks = 6, AsyeWeeklyIntervalDays = 7, AsyeFortnightlyUntilMonths = 6, AsyeFortnightlyIntervalDays = 14, AsyeAfterIntervalDays = 28, StandardIntervalDays = 28, RoleIntervals = { new Wf.RoleInterval { CensusRole = 2, IntervalDays = 42 } }, MinimumMinutes = 90, GroupSessionsCount = false },
        },
    };

    private static Cl.RecordAllocationChangesRequest Allocations(string a) => new()
    {
        Authority = a,
        Changes =
        {
            new Cl.AllocationChange { ChangeId = "hostile-open", SourceVersion = 1, CaseId = "case-hostile-1", EffectiveDate = Day(2025, 4, 1), Open = new Cl.Open { Category = Cl.CaseCategory.ChildProtection, StaffId = $"sw-{a}-1" } },
            new Cl.AllocationChange { ChangeId = "hostile-move", CaseId = "case-hostile-1", EffectiveDate = Day(2025, 5, 1), Allocate = new Cl.Allocate { StaffId = $"sw-{a}-2" } },
            new Cl.AllocationChange { ChangeId = "hostile-close", CaseId = "case-hostile-1", EffectiveDate = Day(2025, 6, 1), Close = new Cl.Close() },
            new Cl.AllocationChange { ChangeId = "hostile-undo", CaseId = "case-hostile-1", EffectiveDate = Day(2025, 6, 2), Correction = new Cl.Correction { RetractsChangeId = "hostile-close" } },
        },
    };

    private static Cl.CaseQuery CaseQuery(string a) => new() { Authority = a, Team = "team-" + a, Category = Cl.CaseCategory.ChildInNeed, AsOf = Day(2025, 9, 30), KnownAt = Now, Limit = 10 };

    // Few sample paths: the barrage is about the edge, not the simulation.
    private static Cl.CaseloadForecastRequest Forecast(string a) => new()
    {
        Authority = a,
        Team = "team-" + a,
        Start = Day(2025, 9, 30),
        HorizonMonths = 3,
        Scenario = new Cl.ForecastScenario { FteChanges = { new Cl.FteChange { From = Day(2025, 11, 1), Fte = 1, Agency = true } }, ConvertAgencyFrom = Day(2026, 1, 1), DemandGrowthPercent = 5, Target = 18 },
        SamplePaths = 100,
        Seed = 7,
        KnownAt = Now,
    };

    private static Sv.RecordSessionsRequest Sessions(string a) => new()
    {
        Authority = a,
        Sessions =
        {
            new Sv.Session { SessionId = "hostile-session", SourceVersion = 1, SuperviseeStaffId = $"sw-{a}-1", SupervisorStaffId = $"sw-{a}-4", Date = Day(2025, 9, 10), Minutes = 90, Kind = Sv.SessionKind.Individual, Actions = { new Sv.SessionAction { OwnerStaffId = $"sw-{a}-1", DueDate = Day(2025, 10, 1), CaseId = $"case-{a}-1" } } },
        },
    };

    private static Sv.RegularityRequest Regularity(string a) => new() { Authority = a, Team = "team-" + a, SupervisorStaffId = $"sw-{a}-4", AsOf = Day(2025, 9, 30), KnownAt = Now, Limit = 10, PageToken = "" };
}
