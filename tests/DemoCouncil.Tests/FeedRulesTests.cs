using System.Globalization;
using Google.Protobuf;
using Workforce.V1;
using Xunit;
using Kind = Workforce.V1.StaffChange.ChangeOneofCase;

namespace Workforce.DemoCouncil.Tests;

/// <summary>The feed is reproducible and every batch passes the rules documented in workforce.proto.</summary>
public sealed class FeedRulesTests
{
    [Fact]
    public void The_same_seed_gives_byte_identical_batches_and_another_seed_different_ones()
    {
        var again = Bytes(DemoFeeds.Generate(DemoFeeds.Options));
        var otherSeed = Bytes(DemoFeeds.Generate(DemoFeeds.Options with { Seed = DemoFeeds.Options.Seed + 1 }));

        Assert.Equal(Bytes(DemoFeeds.Default), again);
        Assert.NotEqual(Bytes(DemoFeeds.Default), otherSeed);
    }

    [Theory]
    [InlineData(20250930, "841", "2025-09-30")]
    [InlineData(1, "841", "2025-09-30")]
    [InlineData(7, "840", "2024-03-15")]
    public void Every_batch_and_change_is_valid(int seed, string authority, string end)
    {
        var feed = DemoFeeds.Generate(new DemoCouncilOptions { Seed = seed, Authority = authority, End = DateOnly.Parse(end, CultureInfo.InvariantCulture) });

        Assert.All(feed.Batches, b => Assert.InRange(b.Changes.Count, 1, HrFeed.MaxBatchSize));
        Assert.Empty(feed.Changes.SelectMany(c => Violations(c).Select(v => $"{c.ChangeId}: {v}")));
        Assert.All(feed.Changes, c => Assert.Matches($"^demo-{authority}-[0-9]{{6}}$", c.ChangeId));
    }

    [Fact]
    public void A_change_id_comes_again_only_as_a_higher_source_version_and_a_correction_retracts_an_earlier_change()
    {
        var seen = new Dictionary<string, long>();
        foreach (var change in DemoFeeds.Default.Changes)
        {
            if (change.ChangeCase == Kind.Correction)
            {
                Assert.Contains(change.Correction.RetractsChangeId, seen.Keys);
            }

            Assert.True(!seen.TryGetValue(change.ChangeId, out var version) || change.SourceVersion > version, change.ChangeId);
            seen[change.ChangeId] = change.SourceVersion;
        }
    }

    private static byte[] Bytes(HrFeed feed) =>
        [.. feed.Batches.SelectMany(b => new RecordStaffChangesRequest { Authority = feed.Authority, Changes = { b.Changes } }.ToByteArray())];

    /// <summary>The rules workforce.proto documents for a change: the fields that break them (none when the service accepts it).</summary>
    private static IEnumerable<string> Violations(StaffChange c)
    {
        static bool IsId(string value, int max) => value.Length > 0 && value.Length <= max && !value.Any(ch => char.IsWhiteSpace(ch) || char.IsControl(ch));
        static bool IsDate(Google.Type.Date? d) =>
            d is { Year: >= 1 and <= 9999, Month: >= 1 and <= 12, Day: >= 1 } && d.Day <= DateTime.DaysInMonth(d.Year, d.Month);

        List<(bool Ok, string Field)> checks =
        [
            (IsId(c.ChangeId, 128), "change_id"),
            (c.SourceVersion >= 0, "source_version"),
            (c.PersonId.Length == 0 || IsId(c.PersonId, 64), "person_id"),
            (IsDate(c.EffectiveDate), "effective_date"),
            (c.ChangeCase switch { Kind.Establishment => c.StaffId.Length == 0, Kind.Correction => true, _ => IsId(c.StaffId, 64) }, "staff_id"),
        ];
        checks.AddRange(c.ChangeCase switch
        {
            Kind.Assignment =>
            [
                (IsId(c.Assignment.Team, 64), "assignment.team"),
                (c.Assignment.CensusRole is >= 1 and <= 6, "assignment.census_role"),
                (c.Assignment.Contract is ContractType.Employed or ContractType.Agency, "assignment.contract"),
                // The service forbids a cover reason for employed staff; the demo also gives every agency worker one.
                ((c.Assignment.Contract == ContractType.Agency) == (c.Assignment.CoverReason != CoverReason.Unspecified), "assignment.cover_reason"),
                (c.Assignment.Fte is > 0 and <= 1 && Math.Round(c.Assignment.Fte, 6) == c.Assignment.Fte, "assignment.fte"),
                (c.Assignment.AsyeStart is null || IsDate(c.Assignment.AsyeStart), "assignment.asye_start"),
                (c.Assignment.CaseHolding == (c.Assignment.CensusRole is 4 or 5), "assignment.case_holding"),
                (c.Assignment.LineManagerStaffId.Length == 0 || (IsId(c.Assignment.LineManagerStaffId, 64) && c.Assignment.LineManagerStaffId != c.StaffId), "assignment.line_manager_staff_id"),
            ],
            Kind.Leaver => [(c.Leaver.Reason.Length is > 0 and <= 64, "leaver.reason")],
            Kind.Absence =>
            [
                (c.Absence.Reason != AbsenceReason.Unspecified, "absence.reason"),
                (c.Absence.LastDay is null || (IsDate(c.Absence.LastDay) && Replay.Day(c.Absence.LastDay) >= Replay.Day(c.EffectiveDate)), "absence.last_day"),
                (c.Absence.WorkingDaysLost is >= 0 and <= 366, "absence.working_days_lost"),
            ],
            Kind.Establishment =>
            [
                (IsId(c.Establishment.Team, 64), "establishment.team"),
                (c.Establishment.FundedFte is >= 0 and <= 100_000, "establishment.funded_fte"),
            ],
            Kind.Correction => [(IsId(c.Correction.RetractsChangeId, 128) && c.Correction.RetractsChangeId != c.ChangeId, "correction.retracts_change_id")],
            Kind.Reinstatement => [],
            _ => [(false, "change")],
        });
        return checks.Where(check => !check.Ok).Select(check => check.Field);
    }
}
