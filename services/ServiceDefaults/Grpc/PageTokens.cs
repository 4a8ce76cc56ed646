using System.Globalization;
using System.Text;

namespace Workforce.ServiceDefaults.Grpc;

/// <summary>Opaque page tokens holding a position in a sorted list; clients must not build them.</summary>
public static class PageTokens
{
    private const string Prefix = "offset:";

    public static string Write(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture)));

    public static bool TryRead(string token, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
