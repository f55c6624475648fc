using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Redis;
using StackExchange.Redis;

namespace RealtimeHub.Server.Presence;

/// <summary>
/// Presence shared by every node through Redis. Keys, all under <c>{{ChannelPrefix}:presence}:</c> (one hash tag, so every script stays in one slot of a cluster):
/// <list type="bullet">
/// <item><c>online</c> (hash): userId → name, for users with at least one live connection on any node.</item>
/// <item><c>user:{userId}</c> (set): the user's live connections, as <c>{node}/{connectionId}</c>.</item>
/// <item><c>rooms</c> (set): rooms with at least one member.</item>
/// <item><c>room:{room}:members</c> (hash): userId → name for the room's members.</item>
/// <item><c>room:{room}:connections:{userId}</c> (set): the user's connections in the room, as <c>{node}/{connectionId}</c>.</item>
/// <item><c>nodes</c> (set): nodes that have registered state.</item>
/// <item><c>departed</c> (set): nodes reaped or gone, until every <see cref="IDeadNodeObserver"/> has cleaned up after them.</item>
/// <item><c>node:{node}:alive</c> (string, expires after <see cref="RedisPresenceOptions.NodeTimeout"/>): the heartbeat.</item>
/// <item><c>node:{node}:session</c> (string): which process incarnation registered the node's state.</item>
/// <item><c>node:{node}:connections</c> (hash): connectionId → userId for the node's connections.</item>
/// <item><c>node:{node}:rooms:{connectionId}</c> (set): the rooms of one connection.</item>
/// </list>
/// Room names must not contain ':' (the hub only allows <c>[A-Za-z0-9_.-]</c>). Survivors remove a node whose
/// heartbeat expired (one atomic script, so one survivor announces each departure). When Redis lost this node's
/// state (restart, or this node was reaped while stalled) or an update failed, the reconnect or the next heartbeat
/// re-writes Redis from this node's local state and announces the departures that were missed.
/// </summary>
public sealed partial class RedisPresenceTracker : IPresenceTracker, IDisposable
{
    private readonly IConnectionMultiplexer _redis;
    private readonly IDatabase _database;
    private readonly IPresenceNotifier _notifier;
    private readonly DeadNodeObservers? _deadNodeObservers;
    private readonly ILogger _logger;
    private readonly string _prefix;
    private readonly long _nodeTimeoutMs;
    private readonly TimeSpan _recheckAfter;
    private readonly string _session = Guid.NewGuid().ToString("N");
    private readonly Lock _sync = new();
    private readonly Dictionary<string, RedisPresenceLocalConnection> _connections = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private volatile bool _resyncNeeded = true;
    private long _reconnectedAt = long.MinValue / 2;

    public RedisPresenceTracker(
        IConnectionMultiplexer redis,
        IPresenceNotifier notifier,
        IOptions<RedisOptions> redisOptions,
        IOptions<RedisPresenceOptions> presenceOptions,
        ILogger<RedisPresenceTracker>? logger = null,
        DeadNodeObservers? deadNodeObservers = null)
    {
        _redis = redis;
        _database = redis.GetDatabase();
        _notifier = notifier;
        _deadNodeObservers = deadNodeObservers;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        // One hash tag for all of presence: its scripts touch nodes, users and rooms together, so on a Redis Cluster
        // they must share a slot. Presence changes per connection event, not per message (docs/ARCHITECTURE.md).
        _prefix = $"{{{redisOptions.Value.ChannelPrefix}:presence}}";
        _nodeTimeoutMs = (long)presenceOptions.Value.NodeTimeout.TotalMilliseconds;
        _recheckAfter = presenceOptions.Value.HeartbeatInterval * 2;
        NodeId = presenceOptions.Value.NodeId ?? DefaultNodeId();
        if (!NodeIdPattern().IsMatch(NodeId))
        {
            throw new ArgumentException($"Presence node id '{NodeId}' must be 1-100 of [A-Za-z0-9_.-].", nameof(presenceOptions));
        }

        _redis.ConnectionRestored += OnRedisConnected;
    }

    /// <summary>Raised after this node re-wrote its state into Redis (first heartbeat, after a reconnect, after a failed update).</summary>
    internal event Action? Resynchronized;

    /// <summary>Raised after a batch of departures Redis could not place was checked again (argument: how many).</summary>
    internal event Action<int>? DeparturesRechecked;

    /// <summary>This node's id in Redis.</summary>
    public string NodeId { get; }

    internal bool IsRedisConnected => _redis.IsConnected;

    /// <summary>
    /// False for one node timeout after this node reconnects to Redis: after an outage every node's heartbeat may have
    /// expired, and the others need one heartbeat interval to renew theirs before anyone may judge them dead.
    /// </summary>
    internal bool MayReap => _redis.IsConnected && Environment.TickCount64 - Interlocked.Read(ref _reconnectedAt) >= _nodeTimeoutMs;

    public Task ConnectAsync(string connectionId, UserPresence user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var local = new RedisPresenceLocalConnection(user);
        Task<RedisResult> update;
        lock (_sync)
        {
            _connections[connectionId] = local;
            update = Run(RedisPresenceScripts.Connect, [connectionId, user.UserId, user.Name, _nodeTimeoutMs], cancellationToken);
        }

        return CompleteAsync(update, connectionId, rollback: () =>
        {
            if (_connections.TryGetValue(connectionId, out var current) && current == local)
            {
                _connections.Remove(connectionId);
            }
        });
    }

    public async Task<IReadOnlyList<string>> DisconnectAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        Task<RedisResult> update;
        List<string> rooms;
        UserPresence user;
        lock (_sync)
        {
            if (!_connections.Remove(connectionId, out var local))
            {
                return [];
            }

            // The connection is gone whatever Redis says; if this update fails the next re-sync announces the departures.
            update = Run(RedisPresenceScripts.Disconnect, [connectionId, local.User.UserId, .. local.Rooms.Select(static room => (RedisValue)room)], cancellationToken);
            rooms = [.. local.Rooms];
            user = local.User;
        }

        var reply = await CompleteAsync(update, connectionId, rollback: null).ConfigureAwait(false);
        if ((long)reply[0] == 0)
        {
            RecheckDepartures(rooms.Select(room => (room, user)));
        }

        return [.. Departures(reply[1]).Select(departure => departure.Room)];
    }

    public async Task<bool> JoinRoomAsync(string connectionId, string room, CancellationToken cancellationToken = default)
    {
        ValidateRoom(room);
        Task<RedisResult> update;
        RedisPresenceLocalConnection local;
        lock (_sync)
        {
            local = GetLocal(connectionId);
            if (!local.Rooms.Add(room))
            {
                return false;
            }

            update = Run(RedisPresenceScripts.Join, [connectionId, local.User.UserId, local.User.Name, room, _nodeTimeoutMs], cancellationToken);
        }

        var reply = await CompleteAsync(update, connectionId, rollback: () => local.Rooms.Remove(room)).ConfigureAwait(false);
        return (long)reply == 1;
    }

    public async Task<bool> LeaveRoomAsync(string connectionId, string room, CancellationToken cancellationToken = default)
    {
        ValidateRoom(room);
        Task<RedisResult> update;
        RedisPresenceLocalConnection? local;
        lock (_sync)
        {
            if (!_connections.TryGetValue(connectionId, out local) || !local.Rooms.Remove(room))
            {
                return false;
            }

            update = Run(RedisPresenceScripts.Leave, [connectionId, local.User.UserId, room], cancellationToken);
        }

        var reply = (long)await CompleteAsync(update, connectionId, rollback: () => local.Rooms.Add(room)).ConfigureAwait(false);
        if (reply == 2)
        {
            RecheckDepartures([(room, local.User)]);
        }

        return reply == 1;
    }

    public bool IsInRoom(string connectionId, string room)
    {
        lock (_sync)
        {
            return _connections.TryGetValue(connectionId, out var local) && local.Rooms.Contains(room);
        }
    }

    public int CountRooms(string connectionId)
    {
        lock (_sync)
        {
            return _connections.TryGetValue(connectionId, out var local) ? local.Rooms.Count : 0;
        }
    }

    public IReadOnlyList<string> LocalRooms()
    {
        lock (_sync)
        {
            return [.. _connections.Values.SelectMany(static connection => connection.Rooms).Distinct(StringComparer.Ordinal)];
        }
    }

    public async Task<IReadOnlyList<UserPresence>> GetRoomMembersAsync(string room, CancellationToken cancellationToken = default)
    {
        ValidateRoom(room);
        return ToUsers(await _database.HashGetAllAsync($"{_prefix}:room:{room}:members").ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<UserPresence>> GetOnlineUsersAsync(CancellationToken cancellationToken = default) =>
        ToUsers(await _database.HashGetAllAsync($"{_prefix}:online").ConfigureAwait(false));

    public async Task<PresenceCounts> GetCountsAsync(CancellationToken cancellationToken = default)
    {
        var users = _database.HashLengthAsync($"{_prefix}:online");
        var rooms = _database.SetLengthAsync($"{_prefix}:rooms");
        return new PresenceCounts(await users.ConfigureAwait(false), await rooms.ConfigureAwait(false));
    }

    public void Dispose()
    {
        _redis.ConnectionRestored -= OnRedisConnected;
        _stopping.Cancel(); // pending departure re-checks end with the node (never disposed: Dispose may run twice)
    }

    private static string DefaultNodeId()
    {
        var machine = InvalidNodeIdCharacters().Replace(Environment.MachineName, "-");
        return $"{machine[..Math.Min(machine.Length, 60)]}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
    }

    private static void ValidateRoom(string room)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        if (room.Contains(':'))
        {
            throw new ArgumentException($"Room name '{room}' must not contain ':'.", nameof(room));
        }
    }

    private static List<UserPresence> ToUsers(HashEntry[] hash)
    {
        var users = new List<UserPresence>(hash.Length);
        foreach (var entry in hash)
        {
            users.Add(new UserPresence(entry.Name!, entry.Value!));
        }

        users.Sort((a, b) => string.CompareOrdinal(a.UserId, b.UserId));
        return users;
    }

    private RedisPresenceLocalConnection GetLocal(string connectionId) =>
        _connections.TryGetValue(connectionId, out var local)
            ? local
            : throw new InvalidOperationException($"Connection {connectionId} is not connected on this node; call ConnectAsync first.");

    // Redis may have restarted empty: re-register now rather than at the next heartbeat. Runs off the client's
    // connect loop, which must not wait for it.
    private void OnRedisConnected(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Interactive)
        {
            return;
        }

        _resyncNeeded = true;
        Interlocked.Exchange(ref _reconnectedAt, Environment.TickCount64);
        _ = Task.Run(async () =>
        {
            try
            {
                await HeartbeatAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                RedisPresenceLog.BackgroundTaskFailed(_logger, "re-sync after reconnect", ex);
            }
        });
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$")]
    private static partial Regex NodeIdPattern();

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex InvalidNodeIdCharacters();
}
