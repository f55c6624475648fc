using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace RealtimeHub.Server.Redis.Internal;

/// <summary>
/// Incremental RESP2 parser over a <see cref="ReadOnlySequence{T}"/>, as a pipe hands it out. A reply is first
/// checked for completeness without allocating, and only then materialised, so a large reply arriving in many
/// reads costs one cheap scan per read and a single allocation at the end.
/// </summary>
internal static class RespParser
{
    /// <summary>Deepest array nesting accepted; Redis itself never nests deeper than a handful of levels.</summary>
    public const int MaxDepth = 32;

    /// <summary>Redis' own cap on a bulk string (proto-max-bulk-len default).</summary>
    public const int MaxBulkLength = 512 * 1024 * 1024;

    private static ReadOnlySpan<byte> CrLf => "\r\n"u8;

    /// <summary>
    /// Reads one whole reply and advances <paramref name="reader"/> past it. Returns false, leaving the reader where
    /// it was, when the buffer does not hold a whole reply yet. Throws <see cref="RedisProtocolException"/> on bytes
    /// that can never become a valid reply.
    /// </summary>
    public static bool TryRead(ref SequenceReader<byte> reader, out RedisReply reply)
    {
        var probe = reader;
        if (!TryParse(ref probe, depth: 0, materialize: false, out _))
        {
            reply = default;
            return false;
        }

        TryParse(ref reader, depth: 0, materialize: true, out reply);
        return true;
    }

    private static bool TryParse(ref SequenceReader<byte> reader, int depth, bool materialize, out RedisReply reply)
    {
        reply = default;
        if (!reader.TryRead(out var type))
        {
            return false;
        }

        switch (type)
        {
            case (byte)'+':
            case (byte)'-':
                if (!reader.TryReadTo(out ReadOnlySequence<byte> line, CrLf))
                {
                    return false;
                }

                if (materialize)
                {
                    var text = Encoding.UTF8.GetString(line);
                    reply = type == '+' ? RedisReply.SimpleString(text) : RedisReply.Error(text);
                }

                return true;

            case (byte)':':
                if (!TryReadInteger(ref reader, out var integer))
                {
                    return false;
                }

                reply = RedisReply.Integer(integer);
                return true;

            case (byte)'$':
                return TryParseBulk(ref reader, materialize, out reply);

            case (byte)'*':
                return TryParseArray(ref reader, depth, materialize, out reply);

            default:
                throw new RedisProtocolException($"Unexpected RESP type byte 0x{type:X2}.");
        }
    }

    private static bool TryParseBulk(ref SequenceReader<byte> reader, bool materialize, out RedisReply reply)
    {
        reply = default;
        if (!TryReadInteger(ref reader, out var length))
        {
            return false;
        }

        if (length == -1)
        {
            reply = RedisReply.BulkString(null);
            return true;
        }

        if (length is < 0 or > MaxBulkLength)
        {
            throw new RedisProtocolException($"Invalid bulk string length {length}.");
        }

        if (reader.Remaining < length + 2)
        {
            return false;
        }

        if (materialize)
        {
            var bytes = GC.AllocateUninitializedArray<byte>((int)length);
            reader.TryCopyTo(bytes);
            reply = RedisReply.BulkString(bytes);
        }

        reader.Advance(length);
        if (!reader.IsNext(CrLf, advancePast: true))
        {
            throw new RedisProtocolException("Bulk string is not terminated by CRLF.");
        }

        return true;
    }

    private static bool TryParseArray(ref SequenceReader<byte> reader, int depth, bool materialize, out RedisReply reply)
    {
        reply = default;
        if (!TryReadInteger(ref reader, out var count))
        {
            return false;
        }

        if (count == -1)
        {
            reply = RedisReply.Array(null);
            return true;
        }

        if (count is < 0 or > int.MaxValue)
        {
            throw new RedisProtocolException($"Invalid array length {count}.");
        }

        if (depth >= MaxDepth)
        {
            throw new RedisProtocolException($"Arrays nested deeper than {MaxDepth} levels.");
        }

        // Allocated only in the materialising pass, which runs once the whole reply is known to be present.
        var items = materialize ? new RedisReply[count] : null;
        for (var i = 0; i < count; i++)
        {
            if (!TryParse(ref reader, depth + 1, materialize, out var item))
            {
                return false;
            }

            if (items is not null)
            {
                items[i] = item;
            }
        }

        reply = RedisReply.Array(items);
        return true;
    }

    private static bool TryReadInteger(ref SequenceReader<byte> reader, out long value)
    {
        value = 0;
        if (!reader.TryReadTo(out ReadOnlySequence<byte> line, CrLf))
        {
            // No CRLF within the longest possible number: the header is garbage, not merely incomplete.
            return reader.Remaining <= 22 ? false : throw new RedisProtocolException("Invalid integer in RESP header.");
        }

        // A long has at most 20 characters; anything longer is garbage, not a number split across reads.
        if (line.Length is 0 or > 20)
        {
            throw new RedisProtocolException("Invalid integer in RESP header.");
        }

        Span<byte> digits = stackalloc byte[20];
        line.CopyTo(digits);
        digits = digits[..(int)line.Length];
        if (!Utf8Parser.TryParse(digits, out value, out var consumed) || consumed != digits.Length)
        {
            throw new RedisProtocolException("Invalid integer in RESP header.");
        }

        return true;
    }
}
