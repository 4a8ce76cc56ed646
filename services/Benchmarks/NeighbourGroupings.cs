namespace Workforce.Benchmarks;

/// <summary>One of a council's ten statistical neighbours: its place (1 = closest), DfE code and closeness as published.</summary>
public sealed record StatisticalNeighbour(int Position, string Code, string Closeness);

/// <summary>
/// The DfE's "New Statistical Neighbour Groupings, April 2021": each council's ten neighbours, closest first. The file
/// also lists, under "Old SNs", councils abolished before 2021 (Dorset, Poole and Bournemouth; Northamptonshire); a
/// code's first row wins, so those serve only their own old codes.
/// </summary>
internal sealed class NeighbourGroupings
{
    public const string FileName = "New_Statistical_Neighbour_Groupings_April_2021.csv";
    public const string Title = "New Statistical Neighbour Groupings, April 2021";

    private const int FirstNeighbourColumn = 5;
    private const int Neighbours = 10;

    private readonly Dictionary<string, (string Name, IReadOnlyList<StatisticalNeighbour> Neighbours)> _councils = new(StringComparer.Ordinal);

    private NeighbourGroupings()
    {
    }

    public IEnumerable<(string Code, string Name)> Councils => _councils.Select(c => (c.Key, c.Value.Name));

    public IReadOnlyList<StatisticalNeighbour>? Of(string code) => _councils.GetValueOrDefault(code).Neighbours;

    public static NeighbourGroupings Read(TextReader csv)
    {
        var groupings = new NeighbourGroupings();
        foreach (var row in Csv.Records(csv).Skip(1))
        {
            var code = row[0].Trim('\uFEFF', ' ');
            if (code.Length != 3 || !code.All(char.IsAsciiDigit) || groupings._councils.ContainsKey(code))
            {
                continue;
            }

            if (row.Count < FirstNeighbourColumn + (2 * Neighbours))
            {
                throw new FormatException($"{FileName}: council {code} has {row.Count} fields, not ten neighbours.");
            }

            var neighbours = Enumerable.Range(0, Neighbours)
                .Select(i => new StatisticalNeighbour(i + 1, row[FirstNeighbourColumn + (2 * i)], row[FirstNeighbourColumn + (2 * i) + 1]))
                .ToList();
            groupings._councils.Add(code, (row[1], neighbours));
        }

        return groupings;
    }
}

/// <summary>
/// Councils replaced since 2017, as the indicator files show them: a code stops reporting and its successors start in
/// <see cref="FirstYear"/>.
/// </summary>
internal sealed record Reorganisation(IReadOnlyList<string> Before, IReadOnlyList<string> After, int FirstYear)
{
    public static readonly IReadOnlyList<Reorganisation> Known =
    [
        new(["835", "836", "837"], ["838", "839"], 2019),
        new(["928"], ["940", "941"], 2021),
        new(["909"], ["942", "943"], 2023),
    ];
}
