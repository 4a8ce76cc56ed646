using Workforce.Api.Domain;
using Workforce.Contracts;
using Xunit;

namespace Workforce.Api.Tests.Domain;

/// <summary>An HR list against the register on 30 September 2025, by hand: what differs, and what closes it.</summary>
public sealed class StaffReconciliationTests
{
    private static readonly DateOnly AsOf = new(2025, 9, 30);
    private static readonly DateTimeOffset Now = new(2025, 10, 1, 9, 0, 0, TimeSpan.Zero);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static PostState State(string team = "team-a", double fte = 1.0, ContractType contract = ContractType.Employed) =>
        new(team, 5, true, contract, contract == ContractType.Agency ? CoverReason.Vacancy : CoverReason.Unspecified, Fte.ToMillionths(fte), true, null, null);

    /// <summary>p1 agrees; p2 is 0.8 FTE in HR but 1.0 in the register; p3 is agency in HR; p4 moved team; p5 has left HR; p6 is new.</summary>
    private static ChangeLogBuilder Register() => new ChangeLogBuilder()
        .Assign("p1", D(2020, 1, 1))
        .Assign("p2", D(2021, 1, 1))
        .Assign("p3", D(2022, 1, 1))
        .Assign("p4", D(2022, 1, 1), team: "team-a")
        .Assign("p5", D(2023, 1, 1));

    private static readonly HrPost[] Hr =
    [
        new("p1", null, State()),
        new("p2", null, State(fte: 0.8)),
        new("p3", null, State(contract: ContractType.Agency)),
        new("p4", null, State(team: "team-b")),
        new("p6", null, State()),
    ];

    [Fact]
    public void Missing_extra_and_differing_posts_are_found_with_each_field_and_both_values()
    {
        var result = StaffReconciliation.Compare("841", Register().Register(), AsOf, Hr, Now);

        Assert.Equal((5, 5), (result.HrPosts, result.RegisterPosts));
        Assert.Equal(
            [
                ("p2", DifferenceKind.FieldsDiffer),
                ("p3", DifferenceKind.FieldsDiffer),
                ("p4", DifferenceKind.FieldsDiffer),
                ("p5", DifferenceKind.ExtraInRegister),
                ("p6", DifferenceKind.MissingFromRegister),
            ],
            result.Differences.Select(d => (d.StaffId, d.Kind)));
        Assert.Equal([new FieldDifference("assignment.fte", "0.8", "1")], result.Differences[0].Fields);
        Assert.Equal(
            [
                new FieldDifference("assignment.contract", "CONTRACT_TYPE_AGENCY", "CONTRACT_TYPE_EMPLOYED"),
                new FieldDifference("assignment.cover_reason", "COVER_REASON_VACANCY", "COVER_REASON_UNSPECIFIED"),
            ],
            result.Differences[1].Fields);
        Assert.Equal([new FieldDifference("assignment.team", "team-b", "team-a")], result.Differences[2].Fields);
    }

    [Fact]
    public void The_closing_changes_are_assignments_from_the_date_and_a_leaver_the_day_before()
    {
        var result = StaffReconciliation.Compare("841", Register().Register(), AsOf, Hr, Now);

        Assert.Equal(
            [
                ("p2", ChangeKind.Assignment, AsOf),
                ("p3", ChangeKind.Assignment, AsOf),
                ("p4", ChangeKind.Assignment, AsOf),
                ("p6", ChangeKind.Assignment, AsOf),
                ("p5", ChangeKind.Leaver, D(2025, 9, 29)),
            ],
            result.Closing.Select(c => (c.StaffId, c.Kind, c.EffectiveDate)));
        Assert.Equal(800_000, result.Closing[0].FteMillionths);
        Assert.All(result.Closing, c => Assert.Matches("^reconcile-20250930-[0-9a-f]{40}$", c.ChangeId));
        Assert.Equal(5, result.Closing.Select(c => c.ChangeId).Distinct().Count());
    }

    [Fact]
    public void Applying_the_closing_changes_leaves_nothing_to_reconcile_and_the_day_before_untouched()
    {
        var log = Register();
        var before = log.Register().InPost(D(2025, 9, 29)).Select(p => (p.Post.StaffId, p.State)).ToList();
        foreach (var change in StaffReconciliation.Compare("841", log.Register(), AsOf, Hr, Now).Closing)
        {
            log.Add(change);
        }

        var after = log.Register();

        Assert.Empty(StaffReconciliation.Compare("841", after, AsOf, Hr, Now).Differences);
        Assert.Equal(before, after.InPost(D(2025, 9, 29)).Select(p => (p.Post.StaffId, p.State)).ToList());
    }

    [Fact]
    public void The_same_list_derives_the_same_change_ids_and_a_different_value_a_new_one()
    {
        var register = Register().Register();

        var first = StaffReconciliation.Compare("841", register, AsOf, Hr, Now).Closing.Select(c => c.ChangeId);
        var again = StaffReconciliation.Compare("841", register, AsOf, Hr, Now.AddHours(1)).Closing.Select(c => c.ChangeId);
        var otherFte = StaffReconciliation.Compare("841", register, AsOf, [new HrPost("p2", null, State(fte: 0.6))], Now).Closing
            .Single(c => c.StaffId == "p2").ChangeId;

        Assert.Equal(first, again);
        Assert.NotEqual(first.First(), otherFte);
    }

    [Fact]
    public void A_post_that_left_before_the_date_is_missing_and_a_rehire_closes_it()
    {
        var log = new ChangeLogBuilder().Assign("p1", D(2020, 1, 1)).Leave("p1", D(2025, 6, 30));
        HrPost[] hr = [new("p1", null, State())];

        var result = StaffReconciliation.Compare("841", log.Register(), AsOf, hr, Now);
        log.Add(Assert.Single(result.Closing));

        Assert.Equal(DifferenceKind.MissingFromRegister, Assert.Single(result.Differences).Kind);
        Assert.Empty(StaffReconciliation.Compare("841", log.Register(), AsOf, hr, Now).Differences);
        Assert.Null(log.Register().Post("p1")!.StateOn(D(2025, 7, 1)));
    }

    [Fact]
    public void A_post_starting_on_the_date_that_HR_does_not_hold_is_ended_by_the_leaver()
    {
        var log = new ChangeLogBuilder().Assign("p1", D(2020, 1, 1)).Assign("p9", AsOf);
        HrPost[] hr = [new("p1", null, State())];

        var result = StaffReconciliation.Compare("841", log.Register(), AsOf, hr, Now);
        log.Add(Assert.Single(result.Closing));

        Assert.Equal(("p9", DifferenceKind.ExtraInRegister), (Assert.Single(result.Differences).StaffId, result.Differences[0].Kind));
        Assert.Empty(StaffReconciliation.Compare("841", log.Register(), AsOf, hr, Now).Differences);
    }

    [Fact]
    public void A_person_id_the_HR_system_no_longer_sends_is_a_difference_the_assignment_clears()
    {
        var log = new ChangeLogBuilder().Assign("p1", D(2020, 1, 1), person: "person-7");
        HrPost[] hr = [new("p1", null, State())];

        var result = StaffReconciliation.Compare("841", log.Register(), AsOf, hr, Now);
        log.Add(Assert.Single(result.Closing));

        Assert.Equal([new FieldDifference("person_id", "p1", "person-7")], Assert.Single(result.Differences).Fields);
        Assert.Empty(StaffReconciliation.Compare("841", log.Register(), AsOf, hr, Now).Differences);
    }
}
