using Microsoft.EntityFrameworkCore;

namespace Workforce.ServiceDefaults.Retention;

/// <summary>
/// A council's figure at one month end, stored as it was answered just before a purge removed rows it depends on:
/// aggregates only (never a worker's or a case's id), as JSON of the domain figure so decimals stay exact.
/// </summary>
public sealed class FrozenFigure
{
    public required string Authority { get; set; }

    /// <summary>Which figure, e.g. <c>agency-rate</c>.</summary>
    public required string Figure { get; set; }

    /// <summary>The team, or empty for the whole council.</summary>
    public required string Scope { get; set; }

    public DateOnly AsOf { get; set; }

    public required string Json { get; set; }
}

/// <summary>
/// Where a council's figures stop being reproducible from the rows that remain: dates before <see cref="Horizon"/> are
/// answered from <see cref="FrozenFigure"/>s. Also the latest recording times of purged rows, so freshness watermarks
/// (which reflect them through the frozen figures) do not move back.
/// </summary>
public sealed class RetentionHorizon
{
    public required string Authority { get; set; }

    public DateOnly Horizon { get; set; }

    /// <summary>The cutoff of the purge that set the horizon.</summary>
    public DateOnly Cutoff { get; set; }

    /// <summary>When figures were frozen: they are as known then.</summary>
    public DateTimeOffset PurgedAt { get; set; }

    /// <summary>Latest recording time of a purged row of the service's own log.</summary>
    public DateTimeOffset? LogRecordedAt { get; set; }

    /// <summary>Latest workforce recording time of a purged read-model row.</summary>
    public DateTimeOffset? ReadModelRecordedAt { get; set; }
}

public static class RetentionModel
{
    public static ModelBuilder AddRetention(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FrozenFigure>(figure =>
        {
            figure.ToTable("frozen_figures");
            figure.HasKey(f => new { f.Authority, f.Figure, f.Scope, f.AsOf });
            figure.Property(f => f.Authority).HasMaxLength(16);
            figure.Property(f => f.Figure).HasMaxLength(64);
            figure.Property(f => f.Scope).HasMaxLength(64);
        });
        modelBuilder.Entity<RetentionHorizon>(horizon =>
        {
            horizon.ToTable("retention_horizons");
            horizon.HasKey(h => h.Authority);
            horizon.Property(h => h.Authority).HasMaxLength(16);
        });
        return modelBuilder;
    }
}
