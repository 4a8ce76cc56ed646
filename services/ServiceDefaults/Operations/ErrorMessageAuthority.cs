using System.Text.Json;

namespace Workforce.ServiceDefaults.Operations;

/// <summary>The council a message in an <c>_error</c> queue belongs to: the <c>authority</c> of the event in MassTransit's JSON envelope.</summary>
public static class ErrorMessageAuthority
{
    /// <summary>The event's authority; null when the body is not JSON or names none. Only that field is read.</summary>
    public static string? Of(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            // An envelope carries the event under "message"; a bare event is the body itself.
            var message = Property(json.RootElement, "message") is { ValueKind: JsonValueKind.Object } inner ? inner : json.RootElement;
            return Property(message, "authority") is { ValueKind: JsonValueKind.String } authority ? authority.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
