using RealtimeHub.Contracts;

namespace RealtimeHub.Server.Presence;

/// <summary>
/// Lets a presence tracker announce departures it discovers by itself, such as the users of a node that died
/// without saying goodbye. Implemented by the chat layer, which owns the hub.
/// </summary>
public interface IPresenceNotifier
{
    Task UserLeftAsync(string room, UserPresence user, CancellationToken cancellationToken = default);
}
