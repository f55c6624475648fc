namespace RealtimeHub.Contracts;

/// <summary>
/// A message stored in a room's history. <see cref="Sequence"/> is per room and <see cref="Epoch"/>, starts at 1 and
/// has no gaps. The epoch stays the same for as long as the room's history lasts; when history is lost the room starts
/// a new epoch, so (room, epoch, sequence) never names two different messages.
/// </summary>
public sealed record ChatMessage(
    string Id,
    string Room,
    string Epoch,
    long Sequence,
    string SenderId,
    string SenderName,
    string Text,
    DateTime SentAt,
    string? ClientMessageId);
