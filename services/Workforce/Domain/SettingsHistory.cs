using System.Text.Json;
using Workforce.Contracts;

namespace Workforce.Api.Domain;

/// <summary>A council's dated settings: each entry holds from its date until the next; the suite's defaults before the first.</summary>
public sealed class SettingsHistory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private SettingsHistory(IReadOnlyList<DatedCouncilSettings> entries) => Entries = entries;

    public IReadOnlyList<DatedCouncilSettings> Entries { get; }

    /// <summary>From the settings rows in force (as <see cref="ChangeLog.Effective"/> returns them); of two on one day the later recorded wins.</summary>
    public static SettingsHistory From(IEnumerable<StaffChange> effective) =>
        new(effective
            .Where(c => c.Kind == ChangeKind.Settings && c.SettingsJson is not null)
            .GroupBy(c => c.EffectiveDate)
            .Select(day => day.MaxBy(c => c.Sequence)!)
            .OrderBy(c => c.EffectiveDate)
            .Select(c => new DatedCouncilSettings(c.EffectiveDate, Deserialize(c.SettingsJson!)))
            .ToList());

    public DatedCouncilSettings? EntryOn(DateOnly day) => Entries.LastOrDefault(e => e.From <= day);

    public CouncilSettings On(DateOnly day) => EntryOn(day)?.Settings ?? CouncilSettings.Default;

    public static string Serialize(CouncilSettings settings) => JsonSerializer.Serialize(settings, Json);

    private static CouncilSettings Deserialize(string json) => JsonSerializer.Deserialize<CouncilSettings>(json, Json) ?? CouncilSettings.Default;
}
