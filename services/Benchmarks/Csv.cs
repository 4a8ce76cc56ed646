using System.Text;

namespace Workforce.Benchmarks;

/// <summary>Records of the DfE's CSV files: names such as "Bristol, City of" are quoted; no field spans lines.</summary>
internal static class Csv
{
    public static IEnumerable<List<string>> Records(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            yield return Fields(line);
        }
    }

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            switch (line[i])
            {
                case '"' when quoted && i + 1 < line.Length && line[i + 1] == '"':
                    field.Append('"');
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case ',' when !quoted:
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                default:
                    field.Append(line[i]);
                    break;
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
