using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Data;

namespace Workforce.ServiceDefaults.Settings;

/// <summary>
/// A consuming service's copy of one council's dated settings, fed by <see cref="CouncilSettingsChanged"/>: the
/// caseload target and thresholds, the supervision policy and the reporting year come from here.
/// </summary>
public sealed class CouncilSettingsRecord
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private ParsedJson<List<DatedCouncilSettings>>? _history;

    public required string Authority { get; set; }

    public long Version { get; set; }

    public DateTimeOffset SourceRecordedAt { get; set; }

    public string HistoryJson { get; set; } = "[]";

    /// <summary><see cref="HistoryJson"/>, parsed once per value: answers ask <see cref="On"/> for every session or case they weigh.</summary>
    public IReadOnlyList<DatedCouncilSettings> History => ParsedJson<List<DatedCouncilSettings>>.Of(ref _history, HistoryJson, Json, []);

    /// <summary>The settings in force on <paramref name="day"/>; the suite's defaults before the first dated entry.</summary>
    public CouncilSettings On(DateOnly day) => History.LastOrDefault(e => e.From <= day)?.Settings ?? CouncilSettings.Default;

    /// <summary>Takes <paramref name="message"/> if it is newer than what is held; false when it was stale or a repeat.</summary>
    public bool Apply(CouncilSettingsChanged message)
    {
        if (message.Version <= Version)
        {
            return false;
        }

        Version = message.Version;
        SourceRecordedAt = message.RecordedAt;
        HistoryJson = JsonSerializer.Serialize(message.History, Json);
        return true;
    }
}

public static class CouncilSettingsModel
{
    /// <summary>Maps the settings read model into a consuming service's database.</summary>
    public static ModelBuilder AddCouncilSettingsReadModel(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CouncilSettingsRecord>(settings =>
        {
            settings.ToTable("council_settings");
            settings.HasKey(s => s.Authority);
            settings.Property(s => s.Authority).HasMaxLength(16);
            settings.Ignore(s => s.History);
            // Competing consumers applying two versions at once: the slower one fails, retries and finds itself stale.
            settings.Property(s => s.Version).IsConcurrencyToken();
        });
        return modelBuilder;
    }
}
