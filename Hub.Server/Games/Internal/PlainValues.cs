using System.Globalization;
using System.Text.Json;
using RealtimeHub.Server.Api;

namespace RealtimeHub.Server.Games.Internal;

/// <summary>
/// Values as plain objects (string-keyed dictionaries, arrays, strings, numbers, booleans, null), which both hub
/// protocols write natively: what MessagePack reads back as object-keyed maps, and what the JSON protocol hands a hub
/// method as a <see cref="JsonElement"/>.
/// </summary>
internal static class PlainValues
{
    public static object? From(object? value) => value switch
    {
        JsonElement json => JsonValues.ToPlain(json),
        IDictionary<object, object> map => FromMap(map),
        object?[] items => Array.ConvertAll(items, From),
        _ => value,
    };

    /// <summary>Keys as text; of two keys with the same text (<c>1</c> and <c>"1"</c>), the later wins.</summary>
    private static Dictionary<string, object?> FromMap(IDictionary<object, object> map)
    {
        var plain = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
        foreach (var (key, item) in map)
        {
            plain[Convert.ToString(key, CultureInfo.InvariantCulture) ?? string.Empty] = From(item);
        }

        return plain;
    }
}
