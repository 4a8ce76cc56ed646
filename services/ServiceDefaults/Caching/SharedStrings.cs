using System.Diagnostics.CodeAnalysis;

namespace Workforce.ServiceDefaults.Caching;

/// <summary>
/// One instance of each equal string among a council's cached rows. The database hands every row its own copies of
/// the same values (the council's code and a worker's id on each of their rows), which take more memory in a cached
/// log than the rows' numbers do.
/// </summary>
public sealed class SharedStrings
{
    private readonly Dictionary<string, string> _held = new(StringComparer.Ordinal);

    [return: NotNullIfNotNull(nameof(value))]
    public string? Share(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (_held.TryGetValue(value, out var held))
        {
            return held;
        }

        _held[value] = value;
        return value;
    }
}
