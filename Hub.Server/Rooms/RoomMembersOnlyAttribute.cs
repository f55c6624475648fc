using RealtimeHub.Server.Access;

namespace RealtimeHub.Server.Rooms;

/// <summary>
/// Marks a hub method whose first argument is a room as refused (<c>forbidden room</c>) to users who may not enter it;
/// checked by <see cref="AccessHubFilter"/> before the method runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RoomMembersOnlyAttribute : MembersOnlyAttribute
{
    public override AccessKind Kind => AccessKind.Room;
}
