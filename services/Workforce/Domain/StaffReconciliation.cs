using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Workforce.Contracts;

namespace Workforce.Api.Domain;

/// <summary>A post as an HR system holds it on the reconciliation date; a null person id means the post stands alone.</summary>
public sealed record HrPost(string StaffId, string? PersonId, PostState State);

public enum DifferenceKind
{
    MissingFromRegister = 1,
    ExtraInRegister = 2,
    FieldsDiffer = 3,
}

/// <summary>One field of a post that differs, both values in their wire form ("" when unset).</summary>
public sealed record FieldDifference(string Field, string HrValue, string RegisterValue);

public sealed record PostDifference(string StaffId, DifferenceKind Kind, IReadOnlyList<FieldDifference> Fields);

/// <summary>The differences, ordered by staff id, and the changes that would close them.</summary>
public sealed record Reconciliation(DateOnly AsOf, int HrPosts, int RegisterPosts, IReadOnlyList<PostDifference> Differences, IReadOnlyList<StaffChange> Closing);

/// <summary>
/// Compares an HR system's full list of posts in post on a date with the register then. A post the register lacks
/// (or holds as not in post) is closed by an assignment from that date; one the HR list lacks by a leaver whose last
/// day is the day before; one whose fields differ by an assignment from that date with the HR system's values (an
/// assignment is a post's full state). Change ids are derived from what the change says, so sending the same list
/// again derives the same ids and the change log recognises them as duplicates.
/// </summary>
public static class StaffReconciliation
{
    public const string LeavingReason = "reconciliation";

    public static Reconciliation Compare(string authority, Register register, DateOnly asOf, IReadOnlyList<HrPost> hrPosts, DateTimeOffset now)
    {
        var held = register.InPost(asOf).ToDictionary(p => p.Post.StaffId, StringComparer.Ordinal);
        var listed = hrPosts.Select(p => p.StaffId).ToHashSet(StringComparer.Ordinal);
        var differences = new List<PostDifference>();
        var closing = new List<StaffChange>();

        foreach (var hr in hrPosts.OrderBy(p => p.StaffId, StringComparer.Ordinal))
        {
            if (!held.TryGetValue(hr.StaffId, out var inPost))
            {
                differences.Add(new PostDifference(hr.StaffId, DifferenceKind.MissingFromRegister, []));
                closing.Add(Assignment(authority, hr, asOf, now));
                continue;
            }

            var fields = Differences(hr, inPost);
            if (fields.Count > 0)
            {
                differences.Add(new PostDifference(hr.StaffId, DifferenceKind.FieldsDiffer, fields));
                closing.Add(Assignment(authority, hr, asOf, now));
            }
        }

        foreach (var extra in held.Keys.Where(id => !listed.Contains(id)).Order(StringComparer.Ordinal))
        {
            differences.Add(new PostDifference(extra, DifferenceKind.ExtraInRegister, []));
            closing.Add(Leaver(authority, extra, asOf, now));
        }

        return new Reconciliation(asOf, hrPosts.Count, held.Count, differences.OrderBy(d => d.StaffId, StringComparer.Ordinal).ToList(), closing);
    }

    private static List<FieldDifference> Differences(HrPost hr, PostOnDay held)
    {
        var (ours, theirs) = (hr.State, held.State);
        var fields = new List<FieldDifference>();
        Compare(fields, "person_id", hr.PersonId ?? hr.StaffId, held.Post.PersonId);
        Compare(fields, "assignment.team", ours.Team, theirs.Team);
        Compare(fields, "assignment.census_role", Number(ours.CensusRole), Number(theirs.CensusRole));
        Compare(fields, "assignment.registered", Flag(ours.Registered), Flag(theirs.Registered));
        Compare(fields, "assignment.contract", Contract(ours.Contract), Contract(theirs.Contract));
        Compare(fields, "assignment.cover_reason", Cover(ours.CoverReason), Cover(theirs.CoverReason));
        Compare(fields, "assignment.fte", FteText(ours.FteMillionths), FteText(theirs.FteMillionths));
        Compare(fields, "assignment.case_holding", Flag(ours.CaseHolding), Flag(theirs.CaseHolding));
        Compare(fields, "assignment.line_manager_staff_id", ours.LineManagerStaffId ?? "", theirs.LineManagerStaffId ?? "");
        Compare(fields, "assignment.asye_start", Day(ours.AsyeStart), Day(theirs.AsyeStart));
        return fields;
    }

    private static void Compare(List<FieldDifference> fields, string field, string hr, string register)
    {
        if (!string.Equals(hr, register, StringComparison.Ordinal))
        {
            fields.Add(new FieldDifference(field, hr, register));
        }
    }

    private static StaffChange Assignment(string authority, HrPost hr, DateOnly asOf, DateTimeOffset now)
    {
        var state = hr.State;
        // Explicit even when the HR system links no posts: a person id sent earlier would otherwise stay in force.
        var personId = hr.PersonId ?? hr.StaffId;
        var change = new StaffChange
        {
            Authority = authority,
            ChangeId = "",
            Kind = ChangeKind.Assignment,
            StaffId = hr.StaffId,
            PersonId = personId,
            EffectiveDate = asOf,
            RecordedAt = now,
            Team = state.Team,
            CensusRole = state.CensusRole,
            Registered = state.Registered,
            Contract = state.Contract,
            CoverReason = state.CoverReason,
            FteMillionths = state.FteMillionths,
            CaseHolding = state.CaseHolding,
            LineManagerStaffId = state.LineManagerStaffId,
            AsyeStart = state.AsyeStart,
        };
        change.ChangeId = ChangeId(authority, asOf, hr.StaffId,
            string.Join('|', "assignment", personId, state.Team, Number(state.CensusRole), Flag(state.Registered), Contract(state.Contract),
                Cover(state.CoverReason), Number(state.FteMillionths), Flag(state.CaseHolding), state.LineManagerStaffId ?? "", Day(state.AsyeStart)));
        return change;
    }

    private static StaffChange Leaver(string authority, string staffId, DateOnly asOf, DateTimeOffset now) => new()
    {
        Authority = authority,
        ChangeId = ChangeId(authority, asOf, staffId, "leaver"),
        Kind = ChangeKind.Leaver,
        StaffId = staffId,
        EffectiveDate = asOf.AddDays(-1),
        RecordedAt = now,
        LeavingReason = LeavingReason,
    };

    /// <summary><c>reconcile-</c>, the date and a hash of the authority, post and content: at most 128 characters, no whitespace.</summary>
    private static string ChangeId(string authority, DateOnly asOf, string staffId, string content)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', authority, staffId, content)));
        return $"reconcile-{asOf:yyyyMMdd}-{Convert.ToHexStringLower(hash)[..40]}";
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "true" : "false";

    private static string FteText(long millionths) => Fte.FromMillionths(millionths).ToString("0.######", CultureInfo.InvariantCulture);

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string Contract(ContractType contract) => contract == ContractType.Agency ? "CONTRACT_TYPE_AGENCY" : "CONTRACT_TYPE_EMPLOYED";

    private static string Cover(CoverReason reason) => reason switch
    {
        CoverReason.Vacancy => "COVER_REASON_VACANCY",
        CoverReason.AbsenceCover => "COVER_REASON_ABSENCE_COVER",
        CoverReason.AdditionalCapacity => "COVER_REASON_ADDITIONAL_CAPACITY",
        _ => "COVER_REASON_UNSPECIFIED",
    };
}
