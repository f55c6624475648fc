using System.Buffers;
using System.Text.Json;
using RealtimeHub.Server.Documents.Yjs;
using RealtimeHub.Server.Documents.Yjs.Internal;

namespace RealtimeHub.Server.Documents;

/// <summary>
/// The y-protocols awareness update (awareness.js, <c>encodeAwarenessUpdate</c>), read as far as the hub needs: a
/// varuint count, then per entry the client id (varuint), its clock (varuint) and its state (a varstring of JSON text,
/// <c>null</c> for a client that is gone). The hub remembers entries to remove them when their connection goes, and
/// re-encodes the current ones for newcomers; it never looks inside a state.
/// </summary>
public static class AwarenessUpdate
{
    /// <summary>Reads the entries, or says why the bytes are not an awareness update (a state that is not JSON included).</summary>
    public static bool TryParse(ReadOnlySpan<byte> update, out List<AwarenessEntry> entries, out string? problem)
    {
        entries = [];
        var reader = new Lib0Reader(update);
        try
        {
            var count = reader.ReadCount(minBytesEach: 3); // client id, clock and a string length: a byte each at least
            for (ulong i = 0; i < count; i++)
            {
                var clientId = reader.ReadVarUint();
                var clock = reader.ReadVarUint();
                var offset = reader.Position;
                var state = reader.ReadVarUtf8();
                JsonText.Validate(state, offset);
                entries.Add(new AwarenessEntry(clientId, clock, IsJsonNull(state) ? "null"u8.ToArray() : state.ToArray()));
            }

            if (reader.Remaining > 0)
            {
                throw Lib0Reader.Fail(YUpdateError.TrailingBytes, reader.Position);
            }
        }
        catch (YUpdateFormatException ex)
        {
            entries = [];
            problem = $"not an awareness update ({new YUpdateValidation(ex.Error, ex.Offset)})";
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>Encodes entries as one awareness update, as <c>encodeAwarenessUpdate</c> would.</summary>
    public static byte[] Encode(IReadOnlyCollection<AwarenessEntry> entries)
    {
        var output = new ArrayBufferWriter<byte>(16 + entries.Sum(e => e.State.Length + 16));
        WriteVarUint(output, (ulong)entries.Count);
        foreach (var entry in entries)
        {
            WriteVarUint(output, entry.ClientId);
            WriteVarUint(output, entry.Clock);
            WriteVarUint(output, (ulong)entry.State.Length);
            output.Write(entry.State);
        }

        return output.WrittenSpan.ToArray();
    }

    private static void WriteVarUint(ArrayBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        var length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[length++] = (byte)value;
        output.Advance(length);
    }

    private static bool IsJsonNull(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        return reader.Read() && reader.TokenType == JsonTokenType.Null;
    }
}
