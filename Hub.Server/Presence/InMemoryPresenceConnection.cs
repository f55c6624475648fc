using RealtimeHub.Contracts;

namespace RealtimeHub.Server.Presence;

/// <summary>One local connection as <see cref="InMemoryPresenceTracker"/> keeps it: its user and the rooms it is in.</summary>
internal sealed class InMemoryPresenceConnection(UserPresence user)
{
    public UserPresence User { get; } = user;

    public HashSet<string> Rooms { get; } = new(StringComparer.Ordinal);
}
