namespace RealtimeHub.Contracts;

/// <summary>A message stored in a room's history. <see cref="Sequence"/> is per room, starts at 1 and has no gaps.</summary>
public sealed record ChatMessage(
    string Id,
    string Room,
    long Sequence,
    string SenderId,
    string SenderName,
    string Text,
    DateTime SentAt,
    string? ClientMessageId);
