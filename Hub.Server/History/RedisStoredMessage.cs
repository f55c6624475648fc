namespace RealtimeHub.Server.History;

/// <summary>
/// A room message as kept in Redis: the sorted-set member. The room is in the key and the sequence is the score,
/// so neither is repeated here; the unique <see cref="Id"/> keeps members distinct.
/// </summary>
internal sealed record RedisStoredMessage(string Id, string SenderId, string SenderName, string Text, DateTime SentAt, string? ClientMessageId);
