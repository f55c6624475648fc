using System.Text.Json;

namespace RealtimeHub.Server.Api;

/// <summary>
/// Turns a JSON value into plain objects (dictionaries, lists, strings, numbers, booleans, null), which both hub
/// protocols serialize natively: JSON writes them back as the same JSON, MessagePack as the matching MessagePack
/// types. A <see cref="JsonElement"/> itself does not survive SignalR's MessagePack protocol.
/// </summary>
public static class JsonValues
{
    public static object? ToPlain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().Aggregate(
            new Dictionary<string, object?>(StringComparer.Ordinal),
            (map, property) => { map[property.Name] = ToPlain(property.Value); return map; }),
        JsonValueKind.Array => value.EnumerateArray().Select(ToPlain).ToList(),
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out var integer) ? integer : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
