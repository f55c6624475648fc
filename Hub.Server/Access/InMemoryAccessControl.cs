namespace RealtimeHub.Server.Access;

/// <summary>Embedded mode: access of this process's rooms and feeds; the process holds every user there is.</summary>
public sealed class InMemoryAccessControl(AccessObservers observers) : IAccessControl
{
    private readonly HashSet<(AccessKind, string)> _private = [];
    private readonly Dictionary<(AccessKind, string), HashSet<string>> _grants = [];
    private readonly Lock _sync = new();

    public ValueTask<bool> AdmitsAsync(AccessKind kind, string name, string userId, bool namedByToken, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return ValueTask.FromResult(!_private.Contains((kind, name)) || namedByToken || (_grants.TryGetValue((kind, name), out var users) && users.Contains(userId)));
        }
    }

    public Task<AccessLevel> GetAccessAsync(AccessKind kind, string name, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult(_private.Contains((kind, name)) ? AccessLevel.Private : AccessLevel.Open);
        }
    }

    public Task SetAccessAsync(AccessKind kind, string name, AccessLevel access, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (access == AccessLevel.Private)
            {
                _private.Add((kind, name));
            }
            else
            {
                _private.Remove((kind, name));
            }
        }

        return observers.NotifyAsync(new AccessChange(kind, name, null), cancellationToken);
    }

    public Task GrantAsync(AccessKind kind, string name, string userId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            var users = _grants.TryGetValue((kind, name), out var existing) ? existing : _grants[(kind, name)] = new(StringComparer.Ordinal);
            users.Add(userId);
        }

        return Task.CompletedTask;
    }

    public Task RevokeAsync(AccessKind kind, string name, string userId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (_grants.TryGetValue((kind, name), out var users) && users.Remove(userId) && users.Count == 0)
            {
                _grants.Remove((kind, name));
            }
        }

        return observers.NotifyAsync(new AccessChange(kind, name, userId), cancellationToken);
    }
}
