using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace RealtimeHub.Server.Scaleout.Internal;

/// <summary>
/// What crosses Redis for one hub message: the sending node (so it can skip its own echo), the connections to
/// exclude, and the message already serialized once per hub protocol, so receivers write bytes without re-serializing.
/// </summary>
/// <remarks>
/// Layout: origin, reply-to node and invocation id (both empty unless the message expects a client result), excluded
/// count, excluded ids, protocol count, then (protocol name, payload) pairs; strings and payloads are length-prefixed.
/// </remarks>
internal static class BackplaneEnvelope
{
    /// <summary>Serializes once per protocol; returns the envelope to publish and the same bytes as a message for local connections.</summary>
    public static (byte[] Payload, SerializedHubMessage Local) Write(
        string origin, IReadOnlyList<string>? excluded, InvocationMessage message, IReadOnlyList<IHubProtocol> protocols, string? replyTo = null)
    {
        var serialized = new List<SerializedMessage>(protocols.Count);
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteString(buffer, origin);
        WriteString(buffer, replyTo ?? string.Empty);
        WriteString(buffer, replyTo is null ? string.Empty : message.InvocationId ?? string.Empty);
        WriteInt(buffer, excluded?.Count ?? 0);
        for (var i = 0; i < (excluded?.Count ?? 0); i++)
        {
            WriteString(buffer, excluded![i]);
        }

        WriteInt(buffer, protocols.Count);
        foreach (var protocol in protocols)
        {
            var bytes = protocol.GetMessageBytes(message);
            serialized.Add(new SerializedMessage(protocol.Name, bytes));
            WriteString(buffer, protocol.Name);
            WriteBytes(buffer, bytes.Span);
        }

        return (buffer.WrittenSpan.ToArray(), new SerializedHubMessage(serialized));
    }

    /// <summary>Reads an envelope; the returned message shares <paramref name="payload"/>'s memory.</summary>
    public static ReceivedMessage Read(ReadOnlyMemory<byte> payload)
    {
        var reader = new Reader(payload);
        var origin = reader.ReadString();
        var replyTo = reader.ReadString();
        var invocationId = reader.ReadString();
        var excludedCount = reader.ReadInt();
        var excluded = excludedCount == 0 ? null : new string[excludedCount];
        for (var i = 0; i < excludedCount; i++)
        {
            excluded![i] = reader.ReadString();
        }

        var protocolCount = reader.ReadInt();
        var serialized = new List<SerializedMessage>(protocolCount);
        for (var i = 0; i < protocolCount; i++)
        {
            serialized.Add(new SerializedMessage(reader.ReadString(), reader.ReadBytes()));
        }

        return new ReceivedMessage(origin, replyTo.Length == 0 || invocationId.Length == 0 ? null : new ResultRequest(replyTo, invocationId), excluded, new SerializedHubMessage(serialized));
    }

    internal static void WriteString(IBufferWriter<byte> buffer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt(buffer, length);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }

    internal static void WriteInt(IBufferWriter<byte> buffer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    internal static void WriteBytes(IBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes)
    {
        WriteInt(buffer, bytes.Length);
        buffer.Write(bytes);
    }

    /// <summary>A forward-only reader over an envelope; a truncated or corrupt envelope throws <see cref="InvalidDataException"/>.</summary>
    internal struct Reader(ReadOnlyMemory<byte> payload)
    {
        private int _offset;

        public int ReadInt()
        {
            var value = BinaryPrimitives.ReadInt32LittleEndian(Take(4).Span);
            return value >= 0 ? value : throw new InvalidDataException("Negative length in a backplane envelope.");
        }

        public string ReadString() => Encoding.UTF8.GetString(Take(ReadInt()).Span);

        public ReadOnlyMemory<byte> ReadBytes() => Take(ReadInt());

        private ReadOnlyMemory<byte> Take(int count)
        {
            if (count > payload.Length - _offset)
            {
                throw new InvalidDataException("Truncated backplane envelope.");
            }

            var slice = payload.Slice(_offset, count);
            _offset += count;
            return slice;
        }
    }
}
