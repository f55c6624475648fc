using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Presence;

namespace RealtimeHub.Server.Chat;

/// <summary>Announces to the room what presence discovers by itself: a dead node's users leaving, users re-found after Redis lost its data.</summary>
public sealed class HubPresenceNotifier(IHubContext<ChatHub, IChatClient> hub) : IPresenceNotifier
{
    public Task UserLeftAsync(string room, UserPresence user, CancellationToken cancellationToken = default) =>
        hub.Clients.Group(room).UserLeft(room, user);

    public Task UserJoinedAsync(string room, UserPresence user, CancellationToken cancellationToken = default) =>
        hub.Clients.Group(room).UserJoined(room, user);
}
