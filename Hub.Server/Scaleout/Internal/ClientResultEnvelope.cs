using System.Buffers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace RealtimeHub.Server.Scaleout.Internal;

/// <summary>
/// A client's result on its way back to the node that invoked it: the connection, and the completion as the client's
/// own protocol wrote it (the result left raw), so only the waiting node deserializes it, as the type it expects.
/// </summary>
internal static class ClientResultEnvelope
{
    public static byte[] Write(string connectionId, IHubProtocol protocol, CompletionMessage completion)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        BackplaneEnvelope.WriteString(buffer, connectionId);
        BackplaneEnvelope.WriteString(buffer, protocol.Name);
        BackplaneEnvelope.WriteBytes(buffer, protocol.GetMessageBytes(completion).Span);
        return buffer.WrittenSpan.ToArray();
    }

    /// <exception cref="InvalidDataException">The envelope is corrupt, names an unknown protocol, or holds no completion.</exception>
    public static (string ConnectionId, CompletionMessage Completion) Read(ReadOnlyMemory<byte> payload, IReadOnlyList<IHubProtocol> protocols, IInvocationBinder binder)
    {
        var reader = new BackplaneEnvelope.Reader(payload);
        var connectionId = reader.ReadString();
        var protocolName = reader.ReadString();
        var protocol = protocols.FirstOrDefault(p => p.Name == protocolName)
            ?? throw new InvalidDataException($"A client result came in protocol '{protocolName}', which this node does not serve.");
        var bytes = new ReadOnlySequence<byte>(reader.ReadBytes());
        return protocol.TryParseMessage(ref bytes, binder, out var message) && message is CompletionMessage completion
            ? (connectionId, completion)
            : throw new InvalidDataException("A client result envelope holds no completion message.");
    }
}
