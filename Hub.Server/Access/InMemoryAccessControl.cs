namespace RealtimeHub.Server.Access;

/// <summary>Embedded mode: access of this process's rooms, feeds and documents; the process holds every user there is.</summary>
public sealed class InMemoryAccessControl(AccessObservers observers) : IAccessControl
{
    private readonly HashSet<(AccessKind, string)> _private = [];
    private readonly Dictionary<(AccessKind, string), Dictionary<string, AccessRole>> _grants = [];
    private readonly Lock _sync = new();

    public ValueTask<AccessRole> GetRoleAsync(AccessKind kind, string name, string userId, bool namedByToken, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (!_private.Contains((kind, name)) || namedByToken)
            {
                return ValueTask.FromResult(AccessRole.Write);
            }

            return ValueTask.FromResult(_grants.TryGetValue((kind, name), out var users) && users.TryGetValue(userId, out var role) ? role : AccessRole.None);
        }
    }

    public async ValueTask<bool> AdmitsAsync(AccessKind kind, string name, string userId, bool namedByToken, CancellationToken cancellationToken = default) =>
        await GetRoleAsync(kind, name, userId, namedByToken, cancellationToken) != AccessRole.None;

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

    public Task GrantAsync(AccessKind kind, string name, string userId, CancellationToken cancellationToken = default) =>
        GrantAsync(kind, name, userId, AccessRole.Write, cancellationToken);

    public Task GrantAsync(AccessKind kind, string name, string userId, AccessRole role, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(role, AccessRole.None);
        lock (_sync)
        {
            var users = _grants.TryGetValue((kind, name), out var existing) ? existing : _grants[(kind, name)] = new(StringComparer.Ordinal);
            users[userId] = role;
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

    public Task ForgetAsync(AccessKind kind, string name, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            _private.Remove((kind, name));
            _grants.Remove((kind, name));
        }

        return observers.NotifyAsync(new AccessChange(kind, name, null), cancellationToken);
    }
}
