using RealtimeHub.Contracts;

namespace RealtimeHub.Server.Presence;

/// <summary>What this node knows of one of its own connections. Guarded by the tracker's lock.</summary>
internal sealed class RedisPresenceLocalConnection(UserPresence user)
{
    public UserPresence User { get; } = user;

    public HashSet<string> Rooms { get; } = new(StringComparer.Ordinal);
}
