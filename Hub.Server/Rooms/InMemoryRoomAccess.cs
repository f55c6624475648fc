namespace RealtimeHub.Server.Rooms;

/// <summary>Embedded mode: room access of this process, which holds every connection there is.</summary>
public sealed class InMemoryRoomAccess(IServiceProvider services) : IRoomAccess
{
    private readonly HashSet<string> _private = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _grants = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    // Resolved on first use: the observer removes connections through the hub, which itself checks access here.
    private IRoomAccessObserver Observer => services.GetRequiredService<IRoomAccessObserver>();

    public ValueTask<bool> AdmitsAsync(string room, string userId, bool namedByToken, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return ValueTask.FromResult(!_private.Contains(room) || namedByToken || (_grants.TryGetValue(room, out var users) && users.Contains(userId)));
        }
    }

    public Task<RoomAccessLevel> GetAccessAsync(string room, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult(_private.Contains(room) ? RoomAccessLevel.Private : RoomAccessLevel.Open);
        }
    }

    public Task SetAccessAsync(string room, RoomAccessLevel access, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (access == RoomAccessLevel.Private)
            {
                _private.Add(room);
            }
            else
            {
                _private.Remove(room);
            }
        }

        return Observer.OnChangedAsync(new RoomAccessChange(room, null), cancellationToken);
    }

    public Task GrantAsync(string room, string userId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            var users = _grants.TryGetValue(room, out var existing) ? existing : _grants[room] = new(StringComparer.Ordinal);
            users.Add(userId);
        }

        return Task.CompletedTask;
    }

    public Task RevokeAsync(string room, string userId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (_grants.TryGetValue(room, out var users) && users.Remove(userId) && users.Count == 0)
            {
                _grants.Remove(room);
            }
        }

        return Observer.OnChangedAsync(new RoomAccessChange(room, userId), cancellationToken);
    }
}
