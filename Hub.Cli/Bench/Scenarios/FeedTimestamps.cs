using System.Buffers.Text;

namespace RealtimeHub.Cli.Bench.Scenarios;

/// <summary>
/// Reads a <c>Watch</c> stream item straight from its bytes: whether it is a snapshot, and the publisher's <c>t</c> of
/// every update in it (the only field named <c>t</c> in a <c>FeedBatch</c> of the bench's values).
/// </summary>
internal ref struct FeedTimestamps(ReadOnlySpan<byte> record)
{
    private ReadOnlySpan<byte> _rest = record;

    public static bool IsSnapshot(ReadOnlySpan<byte> record) => record.IndexOf("\"snapshot\":true"u8) >= 0;

    /// <summary>The next update's <c>t</c> in milliseconds; false when there is none left.</summary>
    public bool TryNext(out double tMs)
    {
        while (true)
        {
            var at = _rest.IndexOf("\"t\":"u8);
            if (at < 0)
            {
                tMs = 0;
                return false;
            }

            _rest = _rest[(at + 4)..];
            if (Utf8Parser.TryParse(_rest, out tMs, out var consumed))
            {
                _rest = _rest[consumed..];
                return true;
            }
        }
    }
}
