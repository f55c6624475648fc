namespace RealtimeHub.Server.Rooms;

/// <summary>
/// A change that may have made some of a room's current connections non-members: the room was made private or open
/// (<see cref="UserId"/> null: every connection in it is checked) or a user's grant was revoked (only that user's).
/// </summary>
public sealed record RoomAccessChange(string Room, string? UserId);
