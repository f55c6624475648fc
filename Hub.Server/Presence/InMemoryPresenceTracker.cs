using RealtimeHub.Contracts;

namespace RealtimeHub.Server.Presence;

/// <summary>Embedded mode: presence of this process's connections, which are all the connections there are.</summary>
public sealed class InMemoryPresenceTracker : IPresenceTracker
{
    private readonly Dictionary<string, InMemoryPresenceConnection> _connections = new(StringComparer.Ordinal);

    // room -> user id -> connection count; a user is a member while the count is above zero.
    private readonly Dictionary<string, Dictionary<string, int>> _rooms = new(StringComparer.Ordinal);

    // user id -> (presence, live connection count).
    private readonly Dictionary<string, (UserPresence User, int Connections)> _users = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    public Task ConnectAsync(string connectionId, UserPresence user, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            _connections[connectionId] = new InMemoryPresenceConnection(user);
            var connections = _users.TryGetValue(user.UserId, out var existing) ? existing.Connections : 0;
            _users[user.UserId] = (user, connections + 1);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> DisconnectAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (!_connections.Remove(connectionId, out var entry))
            {
                return Task.FromResult<IReadOnlyList<string>>([]);
            }

            var left = entry.Rooms.Where(room => DecrementRoom(room, entry.User.UserId)).ToList();
            var (user, connections) = _users[entry.User.UserId];
            if (connections <= 1)
            {
                _users.Remove(user.UserId);
            }
            else
            {
                _users[user.UserId] = (user, connections - 1);
            }

            return Task.FromResult<IReadOnlyList<string>>(left);
        }
    }

    public Task<bool> JoinRoomAsync(string connectionId, string room, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (!_connections.TryGetValue(connectionId, out var entry) || !entry.Rooms.Add(room))
            {
                return Task.FromResult(false);
            }

            var members = _rooms.TryGetValue(room, out var existing) ? existing : _rooms[room] = new(StringComparer.Ordinal);
            var count = members.GetValueOrDefault(entry.User.UserId) + 1;
            members[entry.User.UserId] = count;
            return Task.FromResult(count == 1);
        }
    }

    public Task<bool> LeaveRoomAsync(string connectionId, string room, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            var left = _connections.TryGetValue(connectionId, out var entry)
                && entry.Rooms.Remove(room)
                && DecrementRoom(room, entry.User.UserId);
            return Task.FromResult(left);
        }
    }

    public bool IsInRoom(string connectionId, string room)
    {
        lock (_sync)
        {
            return _connections.TryGetValue(connectionId, out var entry) && entry.Rooms.Contains(room);
        }
    }

    public int CountRooms(string connectionId)
    {
        lock (_sync)
        {
            return _connections.TryGetValue(connectionId, out var entry) ? entry.Rooms.Count : 0;
        }
    }

    public IReadOnlyList<string> LocalRooms()
    {
        lock (_sync)
        {
            return [.. _connections.Values.SelectMany(static connection => connection.Rooms).Distinct(StringComparer.Ordinal)];
        }
    }

    public Task<IReadOnlyList<UserPresence>> GetRoomMembersAsync(string room, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            IReadOnlyList<UserPresence> members = _rooms.TryGetValue(room, out var users)
                ? users.Keys.Select(id => _users[id].User).ToList()
                : [];
            return Task.FromResult(members);
        }
    }

    public Task<IReadOnlyList<UserPresence>> GetOnlineUsersAsync(CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<UserPresence>>(_users.Values.Select(u => u.User).ToList());
        }
    }

    public Task<PresenceCounts> GetCountsAsync(CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult(new PresenceCounts(_users.Count, _rooms.Count));
        }
    }

    /// <summary>True when the user's last connection left the room.</summary>
    private bool DecrementRoom(string room, string userId)
    {
        var members = _rooms[room];
        var count = members[userId] - 1;
        if (count > 0)
        {
            members[userId] = count;
            return false;
        }

        members.Remove(userId);
        if (members.Count == 0)
        {
            _rooms.Remove(room);
        }

        return true;
    }
}
