using RealtimeHub.Contracts;

namespace RealtimeHub.Server.History;

/// <summary>A room's current epoch, its last sequence in that epoch and its newest messages, oldest first.</summary>
public sealed record HistoryHead(string Epoch, long LastSequence, IReadOnlyList<ChatMessage> Recent);
