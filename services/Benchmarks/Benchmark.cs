namespace Workforce.Benchmarks;

/// <summary>
/// A published figure: <see cref="Value"/> as printed (one decimal place), or, when the file prints a symbol instead
/// (z not applicable, x unavailable, c suppressed, low, u low reliability), no value and the <see cref="Symbol"/> —
/// never zero. <see cref="Note"/> says why there is no row, or that the figure is a joint return's.
/// </summary>
public sealed record PublishedFigure(string Code, string Name, decimal? Value, string? Symbol, string? Note);

/// <summary>
/// A statistical neighbour's figure. <see cref="Counted"/>: in the average, median and rank — a neighbour with a value
/// whose return is neither the council's own nor one an earlier neighbour already counted (joint returns).
/// </summary>
public sealed record NeighbourFigure(StatisticalNeighbour Neighbour, string Name, PublishedFigure Figure, bool Counted);

/// <summary>
/// A council's published figure for one measure and reporting year beside its region's, England's and its ten
/// statistical neighbours', from one release.
/// </summary>
public sealed record Benchmark(
    string Authority,
    BenchmarkMeasure Measure,
    IndicatorRelease Release,
    int Year,
    PublishedFigure Council,
    PublishedFigure Region,
    PublishedFigure England,
    IReadOnlyList<NeighbourFigure> Neighbours,
    IReadOnlyList<string> Notes)
{
    /// <summary>The DfE's reference date: 30 September of the reporting year.</summary>
    public DateOnly ReferenceDate => new(Year, 9, 30);

    public string Description =>
        $"Children's social work workforce, reporting year {Year} (at 30 September {Year}), {Release.Year} release, Department for Education ({Release.FileName})";

    public IReadOnlyList<decimal> CountedValues => [.. Neighbours.Where(n => n.Counted).Select(n => n.Figure.Value!.Value)];

    /// <summary>
    /// The mean of the counted neighbours' published values: each neighbour counts once, whatever its size, as in the
    /// DfE's comparisons of published figures (not a rate recomputed from their pooled FTE). Unrounded.
    /// </summary>
    public decimal? NeighbourMean => CountedValues is { Count: > 0 } values ? values.Sum() / values.Count : null;

    /// <summary>The median of the counted neighbours' values, as the DfE's children's social care dashboard shows.</summary>
    public decimal? NeighbourMedian
    {
        get
        {
            var values = CountedValues.Order().ToList();
            return values.Count == 0 ? null : (values[(values.Count - 1) / 2] + values[values.Count / 2]) / 2;
        }
    }

    /// <summary>How many figures the rank is among: the council and its counted neighbours.</summary>
    public int Ranked => 1 + CountedValues.Count;

    /// <summary>The council's published value's rank; null when it has none.</summary>
    public int? Rank => Council.Value is { } value ? RankOf(value) : null;

    /// <summary>
    /// Where a value would rank among the counted neighbours: 1 = lowest (lowest agency rate, turnover, vacancy or
    /// caseload); a tie shares the better rank (8.0, 8.0, 9.1 rank 1, 1, 3).
    /// </summary>
    public int RankOf(decimal value) => 1 + CountedValues.Count(v => v < value);
}
