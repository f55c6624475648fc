namespace RealtimeHub.Contracts;

/// <summary>
/// What a client gets back from <see cref="IChatHub.JoinRoom"/>: the room's current epoch, members, up to 50 recent
/// messages (oldest first) and the room's last sequence in that epoch.
/// </summary>
public sealed record RoomSnapshot(
    string Room,
    string Epoch,
    IReadOnlyList<UserPresence> Members,
    IReadOnlyList<ChatMessage> Recent,
    long LastSequence);
