using System.Text.Encodings.Web;
using System.Text.Json;

namespace RealtimeHub.Cli.Live;

/// <summary>A feed value as <c>watch</c> shows it: a number as is, an object by its <c>price</c> when it has one, a string as its text, anything else as compact JSON.</summary>
internal static class FeedValueText
{
    public const int MaxLength = 60;

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Format(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.String => Shorten(value.GetString()!),
        JsonValueKind.Null => "(removed)",
        JsonValueKind.Object when value.TryGetProperty("price", out var price) && price.ValueKind is JsonValueKind.Number or JsonValueKind.String => Format(price),
        _ => Shorten(JsonSerializer.Serialize(value, Compact)),
    };

    private static string Shorten(string text) => text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 1), "…");
}
