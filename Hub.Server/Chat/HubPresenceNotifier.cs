using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Presence;

namespace RealtimeHub.Server.Chat;

/// <summary>Announces departures that presence discovers by itself (a dead node's users) to the room.</summary>
public sealed class HubPresenceNotifier(IHubContext<ChatHub, IChatClient> hub) : IPresenceNotifier
{
    public Task UserLeftAsync(string room, UserPresence user, CancellationToken cancellationToken = default) =>
        hub.Clients.Group(room).UserLeft(room, user);
}
