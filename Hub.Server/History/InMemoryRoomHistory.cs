using RealtimeHub.Contracts;

namespace RealtimeHub.Server.History;

/// <summary>One room's history in <see cref="InMemoryMessageStore"/>; guarded by the store's lock.</summary>
internal sealed class InMemoryRoomHistory(string epoch)
{
    /// <summary>Fresh for every room this process creates: a restarted node starts new epochs.</summary>
    public string Epoch { get; } = epoch;

    public long LastSequence { get; set; }

    public List<ChatMessage> Messages { get; } = [];

    /// <summary>"{senderId}\n{clientMessageId}" → the stored message, for idempotent retries.</summary>
    public Dictionary<string, ChatMessage> ByClientId { get; } = new(StringComparer.Ordinal);
}
