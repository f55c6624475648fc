using System.Text.Json;
using System.Text.RegularExpressions;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Contracts.Live;

namespace RealtimeHub.Cli.Live;

/// <summary>
/// One line of <c>publish-feed</c>'s input: <c>key=value</c> (a value that parses as JSON is that JSON, anything else
/// the text as a JSON string; <c>key=null</c> removes the key, <c>key=</c> sets the empty string), or a JSON line
/// <c>{"key":"A","value":…}</c> (other properties ignored, so <c>watch</c>'s output can be piped back in).
/// Blank lines and lines starting with <c>#</c> are skipped.
/// </summary>
/// <param name="Entry">The update, or null for a skipped or invalid line.</param>
/// <param name="Error">Why the line is invalid, or null.</param>
/// <param name="Bytes">About how many bytes the entry adds to a request's body.</param>
internal sealed partial record FeedLine(FeedEntry? Entry, string? Error, int Bytes)
{
    /// <summary>What an entry costs in a request body beyond its key and value: <c>{"key":"","value":},</c>.</summary>
    private const int EntryOverhead = 20;

    public bool IsSkipped => Entry is null && Error is null;

    public static FeedLine Parse(string line)
    {
        var text = line.Trim();
        if (text.Length == 0 || text[0] == '#')
        {
            return new FeedLine(null, null, 0);
        }

        return text[0] == '{' ? ParseJsonLine(text) : ParseKeyValue(text);
    }

    private static FeedLine ParseKeyValue(string text)
    {
        var equals = text.IndexOf('=');
        if (equals < 0)
        {
            return Invalid("expected key=value or a JSON line {\"key\":…,\"value\":…}");
        }

        var valueText = text[(equals + 1)..].Trim();
        return Validated(text[..equals].Trim(), TryParseJson(valueText) ?? JsonSerializer.SerializeToElement(valueText));
    }

    private static FeedLine ParseJsonLine(string text)
    {
        if (TryParseJson(text) is not { ValueKind: JsonValueKind.Object } line)
        {
            return Invalid("not valid JSON");
        }

        if (!line.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.String || !line.TryGetProperty("value", out var value))
        {
            return Invalid("a JSON line needs \"key\" (a string) and \"value\"");
        }

        return Validated(key.GetString()!, value);
    }

    private static FeedLine Validated(string key, JsonElement value)
    {
        if (key.Length > LiveLimits.MaxKeyLength || !KeyPattern().IsMatch(key))
        {
            return Invalid($"invalid key '{key}': 1–{LiveLimits.MaxKeyLength} of A-Z a-z 0-9 _ . : -");
        }

        // As the request will carry it: System.Text.Json escapes non-ASCII text, so this can exceed the input's length.
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value).Length;
        if (bytes > LiveLimits.MaxValueBytes)
        {
            return Invalid($"the value of '{key}' is {bytes} bytes of JSON; at most {LiveLimits.MaxValueBytes}");
        }

        return new FeedLine(new FeedEntry(key, value), null, key.Length + bytes + EntryOverhead);
    }

    private static JsonElement? TryParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static FeedLine Invalid(string error) => new(null, error, 0);

    [GeneratedRegex(@"^[A-Za-z0-9_.:\-]+$")]
    private static partial Regex KeyPattern();
}
