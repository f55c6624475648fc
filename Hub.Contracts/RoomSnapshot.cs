namespace RealtimeHub.Contracts;

/// <summary>What a client gets back from <see cref="IChatHub.JoinRoom"/>: members, up to 50 recent messages (oldest first) and the room's last sequence.</summary>
public sealed record RoomSnapshot(
    string Room,
    IReadOnlyList<UserPresence> Members,
    IReadOnlyList<ChatMessage> Recent,
    long LastSequence);
