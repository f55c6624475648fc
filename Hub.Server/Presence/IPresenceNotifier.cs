using RealtimeHub.Contracts;

namespace RealtimeHub.Server.Presence;

/// <summary>
/// Lets a presence tracker announce what it discovers by itself: departures, such as the users of a node that died
/// without saying goodbye, and users it finds in a room again after Redis lost its data. Implemented by the chat
/// layer, which owns the hub.
/// </summary>
public interface IPresenceNotifier
{
    Task UserLeftAsync(string room, UserPresence user, CancellationToken cancellationToken = default);

    Task UserJoinedAsync(string room, UserPresence user, CancellationToken cancellationToken = default);
}
