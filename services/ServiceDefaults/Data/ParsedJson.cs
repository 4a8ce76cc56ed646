using System.Text.Json;

namespace Workforce.ServiceDefaults.Data;

/// <summary>
/// A JSON column's value as parsed from one string: entities keep one in a field so that reading the parsed value many
/// times parses once, and again only when the column is given a new string. Replaced whole, so a reader on another
/// thread sees either the old pair or the new one.
/// </summary>
public sealed record ParsedJson<T>(string Json, T Value)
    where T : class
{
    public static T Of(ref ParsedJson<T>? parsed, string json, JsonSerializerOptions options, T empty)
    {
        var current = parsed;
        if (current is null || !ReferenceEquals(current.Json, json))
        {
            current = new ParsedJson<T>(json, JsonSerializer.Deserialize<T>(json, options) ?? empty);
            parsed = current;
        }

        return current.Value;
    }
}
