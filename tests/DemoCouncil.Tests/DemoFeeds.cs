namespace Workforce.DemoCouncil.Tests;

internal static class DemoFeeds
{
    /// <summary>The default demo council (841, seed 20250930, ending 30 September 2025), generated once for every test.</summary>
    public static readonly DemoCouncilOptions Options = new();

    public static readonly HrFeed Default = Generate(Options);

    public static readonly Replay Replayed = new(Default.Changes);

    public static HrFeed Generate(DemoCouncilOptions options) => HrFeed.From(Council.Generate(options));
}
