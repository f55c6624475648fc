using System.Buffers.Text;
using System.Text;

namespace RealtimeHub.Server.Live;

/// <summary>
/// The message <see cref="RedisFeedScripts.Publish"/> sends on a feed's channel, and the stored form of one key.
/// Message: <c>epoch \n publishedAtMs \n</c>, then per applied key <c>key \n version \n byteLength \n json</c> (length 0:
/// removed). Lengths, not separators, delimit the JSON, so any JSON text passes unharmed.
/// </summary>
internal static class RedisFeedMessage
{
    /// <summary>Reads a message; null when it is malformed (never thrown: it arrives on a subscription's thread).</summary>
    public static FeedSlice? Parse(ReadOnlySpan<byte> message)
    {
        if (!TryLine(ref message, out var epoch) || !TryNumber(ref message, out var at))
        {
            return null;
        }

        var publishedAt = DateTime.UnixEpoch.AddMilliseconds(at);
        var values = new List<FeedValue>();
        while (!message.IsEmpty)
        {
            if (!TryLine(ref message, out var key) || !TryNumber(ref message, out var version)
                || !TryNumber(ref message, out var length) || length > message.Length)
            {
                return null;
            }

            var json = length == 0 ? null : Encoding.UTF8.GetString(message[..(int)length]);
            message = message[(int)length..];
            values.Add(new FeedValue(key, json, version, publishedAt));
        }

        return new FeedSlice(epoch, values);
    }

    /// <summary>Reads a stored <c>version|publishedAtMs|json</c>; null when malformed.</summary>
    public static FeedValue? ParseStored(string key, string stored)
    {
        var first = stored.IndexOf('|');
        var second = first < 0 ? -1 : stored.IndexOf('|', first + 1);
        if (second < 0 || !long.TryParse(stored.AsSpan(0, first), out var version) || !long.TryParse(stored.AsSpan(first + 1, second - first - 1), out var at))
        {
            return null;
        }

        var json = second == stored.Length - 1 ? null : stored[(second + 1)..];
        return new FeedValue(key, json, version, DateTime.UnixEpoch.AddMilliseconds(at));
    }

    private static bool TryLine(ref ReadOnlySpan<byte> input, out string line)
    {
        var end = input.IndexOf((byte)'\n');
        line = end < 0 ? string.Empty : Encoding.UTF8.GetString(input[..end]);
        input = end < 0 ? input : input[(end + 1)..];
        return end >= 0;
    }

    private static bool TryNumber(ref ReadOnlySpan<byte> input, out long number)
    {
        var end = input.IndexOf((byte)'\n');
        number = 0;
        if (end < 0 || !Utf8Parser.TryParse(input[..end], out number, out var consumed) || consumed != end)
        {
            return false;
        }

        input = input[(end + 1)..];
        return true;
    }
}
