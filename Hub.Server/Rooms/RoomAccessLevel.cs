namespace RealtimeHub.Server.Rooms;

/// <summary>Who may enter a room.</summary>
public enum RoomAccessLevel
{
    /// <summary>Any signed-in user: the default, and how every room behaved before private rooms.</summary>
    Open,

    /// <summary>Only the room's members: users granted through the server API, or whose token's <c>rooms</c> claim names it.</summary>
    Private,
}
