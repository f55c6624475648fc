using System.Collections;
using System.Text.Json;

namespace RealtimeHub.Server.Games;

/// <summary>
/// One input as a client sent it: a <see cref="JsonElement"/> (JSON protocol) or a map of plain values (MessagePack
/// protocol, or a .NET caller's dictionary). Kinds read fields from it without caring which.
/// </summary>
public readonly struct MatchInput(object? raw)
{
    public object? Raw { get; } = raw;

    /// <summary>
    /// The field as a finite number, or 0 when the input is not an object, the field is missing, or it is not a finite
    /// number (a string, a boolean, null, NaN): a client cannot make the simulation fail by what it sends.
    /// </summary>
    public double Number(string field)
    {
        var value = Raw switch
        {
            JsonElement { ValueKind: JsonValueKind.Object } json when json.TryGetProperty(field, out var property) =>
                property.ValueKind == JsonValueKind.Number && property.TryGetDouble(out var number) ? number : 0,
            IDictionary map when map.Contains(field) => ToDouble(map[field]),
            _ => 0,
        };
        return double.IsFinite(value) ? value : 0;
    }

    private static double ToDouble(object? value) => value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        byte b => b,
        sbyte sb => sb,
        short s => s,
        ushort us => us,
        uint ui => ui,
        ulong ul => ul,
        decimal m => (double)m,
        JsonElement { ValueKind: JsonValueKind.Number } json when json.TryGetDouble(out var number) => number,
        _ => 0,
    };
}
