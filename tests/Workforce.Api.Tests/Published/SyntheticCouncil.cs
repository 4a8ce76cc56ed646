using Workforce.Api.Domain;
using Workforce.Contracts;

namespace Workforce.Api.Tests.Published;

/// <summary>Published figures at 30 September of <see cref="Year"/> that a synthetic council must reproduce exactly.</summary>
public sealed record CouncilTargets(int Year, decimal InPostFte, decimal LeaversFte, decimal AgencyFte, decimal VacancyFte)
{
    public DateOnly AsOf => new(Year, 9, 30);

    public static CouncilTargets From(CouncilIndicators council) =>
        council.HasStabilityFigures
            ? new(council.Year, council.InPostFte!.Value, council.LeaversFte!.Value, council.AgencyFte!.Value, council.VacancyFte!.Value)
            : throw new ArgumentException($"{council} lacks a published figure.", nameof(council));
}

/// <summary>
/// Writes the change log of an invented council (ids like post-0001, no real people) whose DfE figures at 30 September
/// equal the targets exactly: directly employed and agency posts in post, leavers through the year, establishment per
/// team, plus the noise an HR feed carries that must not count (unregistered staff, a 30 September last day, a leaver
/// of the year before, a future starter and budget, an agency leaver, a move between posts, a team over establishment).
/// </summary>
public sealed class SyntheticCouncil
{
    private const long FullTime = Fte.Scale;
    private const long Tenth = Fte.Scale / 10;

    /// <summary>Below this a post is unrealistically small, unless the whole published figure is.</summary>
    private const long SmallestPost = 3 * Tenth;

    /// <summary>Part-time FTE is contracted hours over a 37-hour week, so most are not whole tenths.</summary>
    private static readonly long[] PartTimeFtes =
        [.. new[] { 18.5m, 22.5m, 25m, 28m, 30m, 32m, 33.5m }.Select(hours => (long)Math.Round(hours * FullTime / 37m))];

    /// <summary>Census roles weighted towards case holders (5) and senior practitioners (4).</summary>
    private static readonly int[] Roles = [1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 6, 6];

    private static readonly CoverReason[] AgencyCover =
        [CoverReason.Vacancy, CoverReason.Vacancy, CoverReason.Vacancy, CoverReason.Vacancy, CoverReason.Vacancy,
         CoverReason.Vacancy, CoverReason.Vacancy, CoverReason.AbsenceCover, CoverReason.AbsenceCover, CoverReason.AdditionalCapacity];

    private readonly string _authority;
    private readonly Random _random;
    private readonly DateOnly _asOf;
    private readonly DateOnly _firstLastDay;
    private readonly DateOnly _lastLastDay;
    private readonly List<StaffChange> _changes = [];
    private readonly Dictionary<string, long> _employedByTeam = new(StringComparer.Ordinal);
    private List<string> _teams = [];
    private int _posts;

    private SyntheticCouncil(string authority, DateOnly asOf, int seed)
    {
        _authority = authority;
        _random = new Random(seed);
        _asOf = asOf;
        _firstLastDay = asOf.AddYears(-1);
        _lastLastDay = asOf.AddDays(-1);
    }

    /// <summary>The council's changes in recording order (Sequence 1, 2, …); the same seed gives the same log.</summary>
    public static IReadOnlyList<StaffChange> Generate(string authority, CouncilTargets targets, int seed) =>
        new SyntheticCouncil(authority, targets.AsOf, seed).Write(targets);

    private IReadOnlyList<StaffChange> Write(CouncilTargets targets)
    {
        var employed = Split(targets.InPostFte);
        var agency = Split(targets.AgencyFte);
        var leavers = Split(targets.LeaversFte);
        _teams = [.. Enumerable.Range(1, Math.Max(2, (employed.Count + agency.Count) / 10)).Select(i => $"team-{i:00}")];

        if (leavers.Count > 0 && agency.Count > 0)
        {
            WriteMoveToAgency(leavers[0], agency[0]);
            leavers.RemoveAt(0);
            agency.RemoveAt(0);
        }

        for (var i = 0; i < employed.Count; i++)
        {
            WriteEmployedInPost(i, employed[i]);
        }

        agency.ForEach(WriteAgencyInPost);
        for (var i = 0; i < leavers.Count; i++)
        {
            // The first two leavers sit on the year's bounds: last days 30 September a year earlier and 29 September.
            WriteLeaver(leavers[i], i switch { 0 => _firstLastDay, 1 => _lastLastDay, _ => RandomDay(_firstLastDay, _lastLastDay) });
        }

        WriteNoise();
        WriteEstablishment(Millionths(targets.VacancyFte));
        return InRecordingOrder();
    }

    /// <summary>Posts' FTEs summing exactly to <paramref name="total"/>: mostly full time, the last post takes the remainder.</summary>
    private List<long> Split(decimal total)
    {
        var ftes = new List<long>();
        var remaining = Millionths(total);
        while (remaining > FullTime)
        {
            var fte = RandomFte();
            ftes.Add(fte);
            remaining -= fte;
        }

        if (remaining == 0)
        {
            return ftes;
        }

        if (remaining >= SmallestPost || ftes.Count == 0)
        {
            ftes.Add(remaining);
            return ftes;
        }

        // Fold a sliver into the last post; past full time, that becomes a half-time post and one of 0.5–0.8.
        var merged = ftes[^1] + remaining;
        if (merged <= FullTime)
        {
            ftes[^1] = merged;
        }
        else
        {
            ftes[^1] = FullTime / 2;
            ftes.Add(merged - FullTime / 2);
        }

        return ftes;
    }

    private void WriteEmployedInPost(int index, long fte)
    {
        var (post, team, role) = (NewPost(), RandomTeam(), RandomRole());
        _employedByTeam[team] = _employedByTeam.GetValueOrDefault(team) + fte;
        switch (index)
        {
            case 0:
                // Starts on the reference date itself: in post then.
                Assign(post, _asOf, fte, team, role);
                return;
            case 1:
                // Last day 30 September: in post now, a leaver of next year.
                Assign(post, EarlierYear(), fte, team, role);
                Leave(post, _asOf);
                return;
            case 2:
                // Moved from another post of the same person the day before: neither post is a leaver.
                var movedOn = RandomDay(_firstLastDay.AddDays(1), _asOf);
                var previous = NewPost();
                Assign(previous, EarlierYear(), RandomFte(), RandomTeam(), RandomRole(), person: PersonOf(post));
                Leave(previous, movedOn.AddDays(-1));
                Assign(post, movedOn, fte, team, role);
                return;
        }

        var start = _random.NextDouble() < 0.12 ? RandomDay(_firstLastDay.AddDays(1), _asOf) : EarlierYear();
        if (start < _asOf && _random.NextDouble() < 0.15)
        {
            // An earlier assignment with another FTE and team; only the one in force at 30 September counts.
            Assign(post, start, fte == FullTime ? RandomPartTime() : FullTime, RandomTeam(), role);
            Assign(post, RandomDay(start.AddDays(1), _asOf), fte, team, role);
        }
        else
        {
            Assign(post, start, fte, team, role);
        }
    }

    private void WriteAgencyInPost(long fte)
    {
        var cover = AgencyCover[_random.Next(AgencyCover.Length)];
        Assign(NewPost(), RandomDay(_asOf.AddYears(-3), _asOf), fte, RandomTeam(), RandomRole(), ContractType.Agency, cover);
    }

    /// <summary>Left direct employment and carried on in the same post through an agency: a leaver and an agency worker.</summary>
    private void WriteMoveToAgency(long employedFte, long agencyFte)
    {
        var (post, team, role) = (NewPost(), RandomTeam(), RandomRole());
        var firstAgencyDay = RandomDay(_firstLastDay.AddDays(1), _asOf);
        Assign(post, EarlierYear(), employedFte, team, role);
        Assign(post, firstAgencyDay, agencyFte, team, role, ContractType.Agency, CoverReason.Vacancy);
    }

    /// <summary>A directly employed leaver who started in an earlier year, counted at the FTE of the last day.</summary>
    private void WriteLeaver(long fte, DateOnly lastDay)
    {
        var (post, team, role) = (NewPost(), RandomTeam(), RandomRole());
        var start = RandomDay(_asOf.AddYears(-10), _asOf.AddYears(-2));
        if (_random.NextDouble() < 0.2)
        {
            Assign(post, start, fte == FullTime ? RandomPartTime() : FullTime, team, role);
            Assign(post, RandomDay(start.AddDays(1), lastDay), fte, team, role);
        }
        else
        {
            Assign(post, start, fte, team, role);
        }

        Leave(post, lastDay);
    }

    private void WriteNoise()
    {
        var unregistered = NewPost();
        Assign(unregistered, EarlierYear(), FullTime, RandomTeam(), 5, registered: false);

        var unregisteredLeaver = NewPost();
        Assign(unregisteredLeaver, EarlierYear(), FullTime, RandomTeam(), 5, registered: false);
        Leave(unregisteredLeaver, RandomDay(_firstLastDay, _lastLastDay));

        // Last day 29 September a year earlier: ended the day before the year began.
        var lastYearsLeaver = NewPost();
        Assign(lastYearsLeaver, _asOf.AddYears(-5), FullTime, RandomTeam(), 5);
        Leave(lastYearsLeaver, _firstLastDay.AddDays(-1));

        var agencyLeaver = NewPost();
        Assign(agencyLeaver, _asOf.AddYears(-2), FullTime, RandomTeam(), 5, ContractType.Agency, CoverReason.AbsenceCover);
        Leave(agencyLeaver, RandomDay(_firstLastDay, _lastLastDay));

        Assign(NewPost(), _asOf.AddDays(1), FullTime, RandomTeam(), 5);
    }

    /// <summary>
    /// Funded FTE per team so that the per-team vacancies, floored at zero, sum to <paramref name="vacancy"/>. The team
    /// with most staff is over establishment by 1.0 FTE (its floor hides that), earlier budgets are superseded and
    /// a budget from 1 October is not yet in force.
    /// </summary>
    private void WriteEstablishment(long vacancy)
    {
        var largest = _teams.MaxBy(t => _employedByTeam.GetValueOrDefault(t))!;
        var overTeam = _employedByTeam.GetValueOrDefault(largest) >= 2 * FullTime ? largest : null;
        var open = _teams.Where(t => t != overTeam).ToList();

        var vacant = _teams.ToDictionary(t => t, _ => 0L, StringComparer.Ordinal);
        vacant[open[0]] += vacancy % Tenth;
        for (var i = 0L; i < vacancy / Tenth; i++)
        {
            vacant[open[_random.Next(open.Count)]] += Tenth;
        }

        foreach (var team in _teams)
        {
            var funded = _employedByTeam.GetValueOrDefault(team) + vacant[team] - (team == overTeam ? FullTime : 0);
            Establish(team, new DateOnly(_asOf.Year - 3, 4, 1), Math.Max(0, funded + (_random.Next(41) - 20) * Tenth));
            Establish(team, new DateOnly(_asOf.Year, 4, 1), funded);
        }

        Establish(open[0], _asOf.AddDays(1), _employedByTeam.GetValueOrDefault(open[0]) + vacant[open[0]] + 3 * FullTime);
    }

    private void Assign(
        string post,
        DateOnly from,
        long fte,
        string team,
        int role,
        ContractType contract = ContractType.Employed,
        CoverReason cover = CoverReason.Unspecified,
        bool registered = true,
        string? person = null) =>
        Add(new StaffChange
        {
            Authority = _authority,
            ChangeId = NextChangeId(),
            Kind = ChangeKind.Assignment,
            StaffId = post,
            PersonId = person ?? PersonOf(post),
            EffectiveDate = from,
            Team = team,
            CensusRole = role,
            Registered = registered,
            Contract = contract,
            CoverReason = cover,
            FteMillionths = fte,
            CaseHolding = role is 4 or 5,
        });

    private void Leave(string post, DateOnly lastDay) =>
        Add(new StaffChange { Authority = _authority, ChangeId = NextChangeId(), Kind = ChangeKind.Leaver, StaffId = post, EffectiveDate = lastDay });

    private void Establish(string team, DateOnly from, long funded) =>
        Add(new StaffChange
        {
            Authority = _authority,
            ChangeId = NextChangeId(),
            Kind = ChangeKind.Establishment,
            Team = team,
            EffectiveDate = from,
            FundedFteMillionths = funded,
        });

    /// <summary>HR feeds send changes up to two weeks ahead (future-dated) or up to a month late (backdated).</summary>
    private void Add(StaffChange change)
    {
        change.RecordedAt = new DateTimeOffset(change.EffectiveDate.AddDays(_random.Next(-14, 31)).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        _changes.Add(change);
    }

    private List<StaffChange> InRecordingOrder()
    {
        var ordered = _changes.OrderBy(c => c.RecordedAt).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Sequence = i + 1;
        }

        return ordered;
    }

    private string NextChangeId() => $"chg-{_changes.Count + 1:000000}";

    private string NewPost() => $"post-{++_posts:0000}";

    private static string PersonOf(string post) => post.Replace("post-", "person-", StringComparison.Ordinal);

    private string RandomTeam() => _teams[_random.Next(_teams.Count)];

    private int RandomRole() => Roles[_random.Next(Roles.Length)];

    private long RandomPartTime() => PartTimeFtes[_random.Next(PartTimeFtes.Length)];

    private long RandomFte() => _random.NextDouble() < 0.7 ? FullTime : RandomPartTime();

    /// <summary>A start before the reporting year (in post on 30 September a year earlier).</summary>
    private DateOnly EarlierYear() => RandomDay(_asOf.AddYears(-12), _firstLastDay);

    private DateOnly RandomDay(DateOnly first, DateOnly last) => first.AddDays(_random.Next(last.DayNumber - first.DayNumber + 1));

    private static long Millionths(decimal fte)
    {
        var millionths = fte * Fte.Scale;
        return millionths == decimal.Truncate(millionths)
            ? (long)millionths
            : throw new ArgumentException($"FTE {fte} has more than six decimals.", nameof(fte));
    }
}
