using System.Buffers.Text;
using System.Text;

namespace RealtimeHub.Cli.Bench.Wire;

/// <summary>
/// The few pieces of the SignalR JSON protocol the generator needs, read straight from the bytes: a delivery is
/// matched by one field, so receiving 100,000+ deliveries a second does not cost a JSON parse each.
/// </summary>
internal static class HubFrames
{
    public const byte RecordSeparator = 0x1e;
    public const int InvocationType = 1;
    public const int StreamItemType = 2;
    public const int CompletionType = 3;
    public const int PingType = 6;
    public const int CloseType = 7;

    public static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    public static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");

    /// <summary>An invocation expecting a completion; arguments are JSON strings (the generator's own values need no escaping).</summary>
    public static byte[] Invocation(long invocationId, string target, params ReadOnlySpan<string> arguments)
    {
        var text = new StringBuilder(128 + (arguments.Length * 32));
        text.Append("{\"type\":1,\"invocationId\":\"").Append(invocationId).Append("\",\"target\":\"").Append(target).Append("\",\"arguments\":[");
        for (var i = 0; i < arguments.Length; i++)
        {
            text.Append(i == 0 ? "\"" : ",\"").Append(arguments[i]).Append('"');
        }

        return Encoding.UTF8.GetBytes(text.Append("]}\u001e").ToString());
    }

    /// <summary>A stream invocation (type 4); <paramref name="argumentsJson"/> is the JSON array of its arguments.</summary>
    public static byte[] StreamInvocation(long invocationId, string target, string argumentsJson) =>
        Encoding.UTF8.GetBytes($"{{\"type\":4,\"invocationId\":\"{invocationId}\",\"target\":\"{target}\",\"arguments\":{argumentsJson}}}\u001e");

    /// <summary>The record's <c>type</c>, or -1.</summary>
    public static int TypeOf(ReadOnlySpan<byte> record)
    {
        var at = record.IndexOf("\"type\":"u8);
        return at >= 0 && at + 7 < record.Length && char.IsAsciiDigit((char)record[at + 7]) ? record[at + 7] - '0' : -1;
    }

    /// <summary>The string value of the last <paramref name="key"/> (given with its quotes and colon, e.g. <c>"clientMessageId":"</c>).</summary>
    public static ReadOnlySpan<byte> LastStringValue(ReadOnlySpan<byte> record, ReadOnlySpan<byte> keyWithOpeningQuote)
    {
        var at = record.LastIndexOf(keyWithOpeningQuote);
        if (at < 0)
        {
            return default;
        }

        var value = record[(at + keyWithOpeningQuote.Length)..];
        var end = value.IndexOf((byte)'"');
        return end < 0 ? default : value[..end];
    }

    /// <summary>A completion's invocation id, and whether it carries an error; false when the record is not one of ours.</summary>
    public static bool TryReadCompletion(ReadOnlySpan<byte> record, out long invocationId, out bool isError)
    {
        invocationId = 0;
        isError = false;
        var at = record.IndexOf("\"invocationId\":\""u8);
        if (at < 0)
        {
            return false;
        }

        var rest = record[(at + 16)..];
        var end = rest.IndexOf((byte)'"');
        if (end < 0 || !Utf8Parser.TryParse(rest[..end], out invocationId, out var consumed) || consumed != end)
        {
            return false;
        }

        // JsonHubProtocol writes the error (or the result) right after the invocation id.
        isError = rest[(end + 1)..].StartsWith(",\"error\":"u8);
        return true;
    }

    /// <summary>The raw JSON after <c>"result":</c> (up to the closing brace of the record), or empty.</summary>
    public static ReadOnlySpan<byte> Result(ReadOnlySpan<byte> record)
    {
        var at = record.IndexOf(",\"result\":"u8);
        return at < 0 || record.Length < at + 11 ? default : record[(at + 10)..^1];
    }

    /// <summary>The <c>error</c> text of a completion or close record, for messages.</summary>
    public static string ErrorText(ReadOnlySpan<byte> record) =>
        Encoding.UTF8.GetString(LastStringValue(record, "\"error\":\""u8));
}
