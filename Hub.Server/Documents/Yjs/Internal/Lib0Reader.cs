using System.Text;
using System.Text.Unicode;

namespace RealtimeHub.Server.Documents.Yjs.Internal;

/// <summary>
/// lib0's decoding (lib0/decoding.js) of the values Yjs writes: bytes, variable-length integers, byte arrays and
/// strings. Reads a span and allocates nothing; a value that is not there throws <see cref="YUpdateFormatException"/>
/// with the offset where it starts.
/// </summary>
internal ref struct Lib0Reader(ReadOnlySpan<byte> bytes)
{
    /// <summary>The largest integer a JavaScript number holds exactly (<c>Number.MAX_SAFE_INTEGER</c>).</summary>
    public const ulong MaxSafeInteger = (1UL << 53) - 1;

    // 8 bytes of 7 bits hold the 53 a JavaScript number can; lib0 never writes more.
    private const int MaxVarUintShift = 56;

    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    public readonly int Position => _position;

    public readonly int Remaining => _bytes.Length - _position;

    public static YUpdateFormatException Fail(YUpdateError error, int offset) => new(error, offset);

    public byte ReadByte() =>
        _position < _bytes.Length ? _bytes[_position++] : throw Fail(YUpdateError.Truncated, _position);

    /// <summary>lib0's varuint: seven bits a byte, lowest first, the top bit set on every byte but the last.</summary>
    public ulong ReadVarUint()
    {
        var start = _position;
        ulong value = 0;
        for (var shift = 0; shift < MaxVarUintShift; shift += 7)
        {
            var next = ReadByte();
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value <= MaxSafeInteger ? value : throw Fail(YUpdateError.IntegerOutOfRange, start);
            }
        }

        throw Fail(YUpdateError.IntegerOutOfRange, start);
    }

    /// <summary>lib0's varint: the first byte holds six bits, the sign (0x40) and "more" (0x80), then as a varuint.</summary>
    public void SkipVarInt()
    {
        var start = _position;
        var next = ReadByte();
        var magnitude = (ulong)(next & 0x3F);
        for (var shift = 6; next >= 0x80; shift += 7)
        {
            if (shift >= MaxVarUintShift)
            {
                throw Fail(YUpdateError.IntegerOutOfRange, start);
            }

            next = ReadByte();
            magnitude |= (ulong)(next & 0x7F) << shift;
        }

        if (magnitude > MaxSafeInteger)
        {
            throw Fail(YUpdateError.IntegerOutOfRange, start);
        }
    }

    /// <summary>A count of things that each take at least <paramref name="minBytesEach"/> bytes: the rest must hold them.</summary>
    public ulong ReadCount(int minBytesEach)
    {
        var start = _position;
        var count = ReadVarUint();
        return count <= (ulong)(Remaining / minBytesEach) ? count : throw Fail(YUpdateError.LengthExceedsInput, start);
    }

    public ReadOnlySpan<byte> ReadBytes(int length)
    {
        if (length > Remaining)
        {
            throw Fail(YUpdateError.Truncated, _position);
        }

        var bytes = _bytes.Slice(_position, length);
        _position += length;
        return bytes;
    }

    /// <summary>lib0's varUint8Array: a varuint length, then the bytes (checked against the rest before anything else).</summary>
    public ReadOnlySpan<byte> ReadVarBytes()
    {
        var start = _position;
        var length = ReadVarUint();
        return length <= (ulong)Remaining ? ReadBytes((int)length) : throw Fail(YUpdateError.LengthExceedsInput, start);
    }

    /// <summary>lib0's varString: UTF-8 bytes that must decode, as yjs's fatal <c>TextDecoder</c> requires.</summary>
    public ReadOnlySpan<byte> ReadVarUtf8()
    {
        var utf8 = ReadVarBytes();
        return Utf8.IsValid(utf8) ? utf8 : throw Fail(YUpdateError.InvalidUtf8, _position - utf8.Length);
    }

    /// <summary>A varString's length in UTF-16 code units, as JavaScript's <c>String.length</c> counts it.</summary>
    public int ReadVarStringLength() => Encoding.UTF8.GetCharCount(ReadVarUtf8());
}
