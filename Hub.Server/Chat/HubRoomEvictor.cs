using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Access;
using RealtimeHub.Server.Authentication;
using RealtimeHub.Server.Presence;
using RealtimeHub.Server.Rooms;

namespace RealtimeHub.Server.Chat;

/// <summary>
/// Takes this node's connections out of a room they may no longer enter: out of presence and the room's group,
/// <c>RemovedFromRoom</c> to the connection, and <c>UserLeft</c> to the room when it was the user's last connection there.
/// </summary>
public sealed class HubRoomEvictor(
    IHubContext<ChatHub, IChatClient> hub,
    IPresenceTracker presence,
    IAccessControl access,
    LocalHubConnections connections,
    ILogger<HubRoomEvictor> logger) : IAccessObserver
{
    public AccessKind Kind => AccessKind.Room;

    public Task OnChangedAsync(AccessChange change, CancellationToken cancellationToken) =>
        connections.RemoveSettledAsync(change.UserId, () => RemoveNonMembersAsync(change, cancellationToken), cancellationToken);

    private async Task RemoveNonMembersAsync(AccessChange change, CancellationToken cancellationToken)
    {
        var room = change.Name;
        foreach (var connection in connections.Snapshot(change.UserId))
        {
            if (presence.IsInRoom(connection.ConnectionId, room)
                && !await access.AdmitsAsync(AccessKind.Room, room, connection.User.UserId, connection.Principal.Names(AccessKind.Room, room), cancellationToken))
            {
                await RemoveAsync(connection, room, cancellationToken);
            }
        }
    }

    private async Task RemoveAsync(LocalHubConnection connection, string room, CancellationToken cancellationToken)
    {
        var lastConnection = await presence.LeaveRoomAsync(connection.ConnectionId, room, cancellationToken);
        await hub.Groups.RemoveFromGroupAsync(connection.ConnectionId, room, cancellationToken);
        await hub.Clients.Client(connection.ConnectionId).RemovedFromRoom(room);
        if (lastConnection)
        {
            await hub.Clients.Group(room).UserLeft(room, connection.User);
        }

        RoomsLog.Removed(logger, connection.ConnectionId, connection.User.UserId, room);
    }
}
