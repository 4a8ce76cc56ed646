namespace Workforce.DemoCouncil.Tests;

internal static class DemoFeeds
{
    /// <summary>The default demo council (841, seed 20250930, ending 30 September 2025), generated once for every test.</summary>
    public static readonly DemoCouncilOptions Options = new();

    private static readonly Council DefaultCouncil = Council.Generate(Options);

    public static readonly HrFeed Default = HrFeed.From(DefaultCouncil);

    public static readonly AllocationFeed Allocations = AllocationFeed.From(DefaultCouncil);

    public static readonly SupervisionFeed Supervision = SupervisionFeed.From(DefaultCouncil);

    public static readonly Replay Replayed = new(Default.Changes);

    public static readonly AllocationReplay ReplayedAllocations = new(Allocations.Changes);

    public static HrFeed Generate(DemoCouncilOptions options) => HrFeed.From(Council.Generate(options));

    public static (HrFeed Hr, AllocationFeed Allocations) GenerateBoth(DemoCouncilOptions options)
    {
        var council = Council.Generate(options);
        return (HrFeed.From(council), AllocationFeed.From(council));
    }
}
