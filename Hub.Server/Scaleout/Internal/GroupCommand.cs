using System.Buffers;

namespace RealtimeHub.Server.Scaleout.Internal;

/// <summary>
/// Asks the node that holds <see cref="ConnectionId"/> to add it to, or remove it from, a group, and to acknowledge
/// <see cref="Id"/> on the requester's ack channel.
/// </summary>
internal sealed record GroupCommand(int Id, string RequesterNode, bool Add, string GroupName, string ConnectionId)
{
    public byte[] Write()
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        BackplaneEnvelope.WriteInt(buffer, Id);
        BackplaneEnvelope.WriteString(buffer, RequesterNode);
        BackplaneEnvelope.WriteInt(buffer, Add ? 1 : 0);
        BackplaneEnvelope.WriteString(buffer, GroupName);
        BackplaneEnvelope.WriteString(buffer, ConnectionId);
        return buffer.WrittenSpan.ToArray();
    }

    public static GroupCommand Read(ReadOnlyMemory<byte> payload)
    {
        var reader = new BackplaneEnvelope.Reader(payload);
        return new GroupCommand(reader.ReadInt(), reader.ReadString(), reader.ReadInt() == 1, reader.ReadString(), reader.ReadString());
    }
}
