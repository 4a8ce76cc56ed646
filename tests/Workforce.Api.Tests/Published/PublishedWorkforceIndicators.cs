using System.Globalization;
using System.Text;

namespace Workforce.Api.Tests.Published;

/// <summary>One council's published workforce figures at 30 September of <see cref="Year"/>; null where the DfE prints a symbol.</summary>
public sealed record CouncilIndicators(
    int Year,
    string OldLaCode,
    string Name,
    decimal? InPostFte,
    decimal? LeaversFte,
    decimal? AgencyFte,
    decimal? VacancyFte,
    decimal? AgencyRateFte,
    decimal? TurnoverRateFte,
    decimal? VacancyRateFte)
{
    /// <summary>True when every figure the agency, turnover and vacancy rates need is published.</summary>
    public bool HasStabilityFigures =>
        InPostFte is not null && LeaversFte is not null && AgencyFte is not null && VacancyFte is not null
        && AgencyRateFte is not null && TurnoverRateFte is not null && VacancyRateFte is not null;

    public override string ToString() => $"{Name} ({OldLaCode}) {Year}";
}

/// <summary>
/// Reads the DfE "Children's social work workforce" indicator file (csww_indicators_2017_to_2025.csv): council rows
/// only, by year and three-digit <c>old_la_code</c>. See README.md here for the licence and the symbols.
/// </summary>
public static class PublishedWorkforceIndicators
{
    public const string FileName = "csww_indicators_2017_to_2025.csv";

    /// <summary>Symbols the DfE prints instead of a number: not applicable, unavailable, suppressed, low, low reliability.</summary>
    private static readonly HashSet<string> MissingSymbols = new(["z", "x", "c", "low", "u", ""], StringComparer.Ordinal);

    private static readonly Lazy<IReadOnlyDictionary<(int Year, string OldLaCode), CouncilIndicators>> Published = new(() =>
        Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Published", FileName)))
            .ToDictionary(c => (c.Year, c.OldLaCode)));

    /// <summary>Every council row of the file, by year then code.</summary>
    public static IReadOnlyList<CouncilIndicators> Councils =>
        [.. Published.Value.Values.OrderBy(c => c.Year).ThenBy(c => c.OldLaCode, StringComparer.Ordinal)];

    public static CouncilIndicators Council(int year, string oldLaCode) => Published.Value[(year, oldLaCode)];

    /// <summary>The council rows (geographic_level "Local authority") of an indicator file's text.</summary>
    public static IReadOnlyList<CouncilIndicators> Read(string csv)
    {
        var records = Records(csv);
        var header = records[0];
        var column = header.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index, StringComparer.Ordinal);
        int At(string name) => column.TryGetValue(name, out var index) ? index : throw new FormatException($"{FileName} has no column '{name}'.");

        var (level, year, code, name) = (At("geographic_level"), At("time_period"), At("old_la_code"), At("la_name"));
        var (inPost, leavers, agency, vacancy) = (At("inpost_fte"), At("leavers_fte"), At("agency_fte"), At("vacancy_fte"));
        var (agencyRate, turnoverRate, vacancyRate) = (At("agency_rate_fte"), At("turnover_rate_fte"), At("vacancy_rate_fte"));

        var councils = new List<CouncilIndicators>();
        for (var line = 1; line < records.Count; line++)
        {
            var row = records[line];
            if (row.Count != header.Count)
            {
                throw new FormatException($"Record {line + 1} has {row.Count} fields, the header {header.Count}.");
            }

            if (row[level] != "Local authority")
            {
                continue;
            }

            councils.Add(new CouncilIndicators(
                int.Parse(row[year], CultureInfo.InvariantCulture),
                row[code],
                row[name],
                Number(row[inPost]),
                Number(row[leavers]),
                Number(row[agency]),
                Number(row[vacancy]),
                Number(row[agencyRate]),
                Number(row[turnoverRate]),
                Number(row[vacancyRate])));
        }

        return councils;
    }

    /// <summary>A published figure, or null for a DfE symbol; any other text is an error rather than a silent gap.</summary>
    public static decimal? Number(string field)
    {
        var text = field.Trim();
        return MissingSymbols.Contains(text)
            ? null
            : decimal.Parse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF ends a record.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Records(string csv)
    {
        var records = new List<IReadOnlyList<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;

        void EndRecord()
        {
            record.Add(field.ToString());
            field.Clear();
            // A blank line is not a record of one empty field.
            if (record is not [""])
            {
                records.Add(record);
            }

            record = [];
        }

        for (var i = 0; i < csv.Length; i++)
        {
            var ch = csv[i];
            if (quoted)
            {
                if (ch != '"')
                {
                    field.Append(ch);
                }
                else if (i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
                {
                    i++;
                }

                EndRecord();
            }
            else
            {
                field.Append(ch);
            }
        }

        if (quoted)
        {
            throw new FormatException("The file ends inside a quoted field.");
        }

        if (field.Length > 0 || record.Count > 0)
        {
            EndRecord();
        }

        return records;
    }
}
