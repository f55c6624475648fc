using System.Collections.Concurrent;
using RealtimeHub.Server.Scaleout;
using StackExchange.Redis;

namespace RealtimeHub.Server.Access;

/// <summary>
/// Access shared by every node through Redis, beside the resource's own data under the same <c>{name}</c> hash tag:
/// <c>{ChannelPrefix}:{kind}:{name}:access</c> (string <c>private</c>; absent = open), <c>…:grants</c> (set of user ids)
/// and <c>…:readers</c> (the granted users whose role is only <see cref="AccessRole.Read"/>), so rooms keep the keys
/// they had before feeds and documents existed. Each node caches access levels for <see cref="CacheLifetime"/>,
/// so using an open room or feed costs no round trip. A change that can take members away is published on the kind's
/// channel <c>{ChannelPrefix}:{kind}-access</c>; every node drops its cached level, lets its observers of the kind act,
/// and acknowledges, and the change returns once every node that received it has (or after <see cref="Redis.RedisOptions.AckTimeout"/>).
/// </summary>
public sealed class RedisAccessControl : IAccessControl, IHostedService
{
    /// <summary>
    /// How long a node trusts its cached access level. Changes reach nodes at once through pub/sub; this only bounds
    /// staleness after a notice was lost (a broken subscription link), which also clears the cache when it is restored.
    /// </summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);

    private const string PrivateValue = "private";
    private const int MaxCached = 10_000;

    private readonly AccessObservers _observers;
    private readonly RedisBackplane _backplane;
    private readonly IConnectionMultiplexer _redis;
    private readonly IDatabase _database;
    private readonly ISubscriber _bus;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _prefix;
    private readonly RedisChannel _ackChannel;
    private readonly TimeSpan _ackTimeout;
    private readonly ConcurrentDictionary<(AccessKind, string), (AccessLevel Level, long Expires)> _cache = new();
    private readonly ConcurrentDictionary<string, PendingNotice> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private long _invalidations;
    private int _subscribed;
    private volatile bool _subscribedSharded;

    public RedisAccessControl(AccessObservers observers, RedisBackplane backplane, TimeProvider time, ILogger<RedisAccessControl> logger)
    {
        _observers = observers;
        _backplane = backplane;
        _redis = backplane.Redis;
        _database = _redis.GetDatabase();
        _bus = _redis.GetSubscriber();
        _time = time;
        _logger = logger;
        _prefix = backplane.Options.ChannelPrefix;
        _ackTimeout = backplane.Options.AckTimeout;
        _ackChannel = RedisChannel.Literal($"{_prefix}:access:ack:{backplane.NodeId}");
    }

    public async ValueTask<AccessRole> GetRoleAsync(AccessKind kind, string name, string userId, bool namedByToken, CancellationToken cancellationToken = default)
    {
        if (namedByToken)
        {
            return AccessRole.Write; // a member whether open or private
        }

        if (_cache.TryGetValue((kind, name), out var cached) && cached.Expires > _time.GetTimestamp() && cached.Level == AccessLevel.Open)
        {
            return AccessRole.Write;
        }

        var seen = Volatile.Read(ref _invalidations);
        var reply = (long[])(await RedisAccessScripts.Check.EvaluateAsync(_database, Keys(kind, name, "access", "grants", "readers"), [userId]).ConfigureAwait(false))!;
        var level = reply[0] == 1 ? AccessLevel.Private : AccessLevel.Open;
        Remember(kind, name, level, seen);
        return level == AccessLevel.Open ? AccessRole.Write : (AccessRole)reply[1];
    }

    public async ValueTask<bool> AdmitsAsync(AccessKind kind, string name, string userId, bool namedByToken, CancellationToken cancellationToken = default) =>
        await GetRoleAsync(kind, name, userId, namedByToken, cancellationToken).ConfigureAwait(false) != AccessRole.None;

    public async Task<AccessLevel> GetAccessAsync(AccessKind kind, string name, CancellationToken cancellationToken = default) =>
        await _database.StringGetAsync(Key(kind, name, "access")).ConfigureAwait(false) == PrivateValue ? AccessLevel.Private : AccessLevel.Open;

    public async Task SetAccessAsync(AccessKind kind, string name, AccessLevel access, CancellationToken cancellationToken = default)
    {
        if (access == AccessLevel.Private)
        {
            await _database.StringSetAsync(Key(kind, name, "access"), PrivateValue).ConfigureAwait(false);
        }
        else
        {
            await _database.KeyDeleteAsync(Key(kind, name, "access")).ConfigureAwait(false);
        }

        await AnnounceAsync(new AccessChange(kind, name, null)).ConfigureAwait(false);
    }

    public Task GrantAsync(AccessKind kind, string name, string userId, CancellationToken cancellationToken = default) =>
        GrantAsync(kind, name, userId, AccessRole.Write, cancellationToken);

    public Task GrantAsync(AccessKind kind, string name, string userId, AccessRole role, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(role, AccessRole.None);
        return RedisAccessScripts.Grant.EvaluateAsync(_database, Keys(kind, name, "grants", "readers"), [userId, role == AccessRole.Read ? 1 : 0]);
    }

    public async Task RevokeAsync(AccessKind kind, string name, string userId, CancellationToken cancellationToken = default)
    {
        await RedisAccessScripts.Revoke.EvaluateAsync(_database, Keys(kind, name, "grants", "readers"), [userId]).ConfigureAwait(false);
        await AnnounceAsync(new AccessChange(kind, name, userId)).ConfigureAwait(false);
    }

    public async Task ForgetAsync(AccessKind kind, string name, CancellationToken cancellationToken = default)
    {
        await _database.KeyDeleteAsync(Keys(kind, name, "access", "grants", "readers")).ConfigureAwait(false);
        await AnnounceAsync(new AccessChange(kind, name, null)).ConfigureAwait(false);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _redis.ConnectionRestored += OnConnectionRestored;
        await SubscribeOnceAsync().ConfigureAwait(false); // retried by OnConnectionRestored when it fails
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _redis.ConnectionRestored -= OnConnectionRestored;
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(AccessKind.All.Select(kind => NoticeChannel(kind, _subscribedSharded)).Append(_ackChannel).Select(channel => _bus.UnsubscribeAsync(channel))).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // stopping anyway; Redis forgets a closed connection's subscriptions
        }
    }

    private Task SubscribeAsync()
    {
        var sharded = _subscribedSharded = _backplane.IsCluster;
        return Task.WhenAll(AccessKind.All
            .Select(kind => _bus.SubscribeAsync(NoticeChannel(kind, sharded), (channel, value) => _ = OnNoticeAsync(kind, value)))
            .Append(_bus.SubscribeAsync(_ackChannel, (_, value) => OnAck(value))));
    }

    /// <summary>Publishes the change and waits until every node that received it has let its observers act.</summary>
    private async Task AnnounceAsync(AccessChange change)
    {
        Invalidate(change.Kind, change.Name);
        var id = Guid.NewGuid().ToString("N");
        var pending = _pending[id] = new PendingNotice();
        try
        {
            // The notice's shape is the one rooms always had, so nodes of the previous version still understand it (on a
            // single Redis; on a Redis Cluster they listened to the classic channel, and during such an upgrade their
            // cached levels are bounded by CacheLifetime alone).
            var notice = string.Join('\n', id, _ackChannel.ToString(), change.Name, change.UserId ?? string.Empty);
            var receivers = await _bus.PublishAsync(NoticeChannel(change.Kind, _backplane.IsCluster), notice).ConfigureAwait(false);
            pending.Expect((int)receivers);
            try
            {
                await pending.Done.Task.WaitAsync(_ackTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                AccessLog.AckTimedOut(_logger, change.Kind, change.Name, pending.Received, (int)receivers, _ackTimeout.TotalMilliseconds);
            }
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task OnNoticeAsync(AccessKind kind, RedisValue value)
    {
        var parts = ((string?)value ?? string.Empty).Split('\n');
        if (parts.Length != 4)
        {
            AccessLog.BadNotice(_logger, (string?)value ?? string.Empty);
            return;
        }

        var change = new AccessChange(kind, parts[2], parts[3].Length == 0 ? null : parts[3]);
        Invalidate(kind, change.Name);
        try
        {
            await _observers.NotifyAsync(change, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            AccessLog.RemovalFailed(_logger, kind, change.Name, ex);
        }

        try
        {
            await _bus.PublishAsync(RedisChannel.Literal(parts[1]), parts[0]).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // the announcing node times out instead
        }
    }

    private void OnAck(RedisValue value)
    {
        if (_pending.TryGetValue((string?)value ?? string.Empty, out var pending))
        {
            pending.Ack();
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            // Notices may have been missed while the link was down.
            Interlocked.Increment(ref _invalidations);
            _cache.Clear();
        }

        _ = SubscribeOnceAsync(); // either link may be the first to come up after a start without Redis
    }

    /// <summary>
    /// Subscribes unless done already: the client restores subscriptions by itself after a reconnect. Not before Redis
    /// has answered once, since only then is it known whether the channels are sharded (the restored link retries).
    /// </summary>
    private async Task SubscribeOnceAsync()
    {
        if (!_redis.IsConnected || Interlocked.CompareExchange(ref _subscribed, 1, 0) != 0)
        {
            return;
        }

        try
        {
            await SubscribeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            Volatile.Write(ref _subscribed, 0);
            AccessLog.SubscribeFailed(_logger, ex);
        }
    }

    private void Invalidate(AccessKind kind, string name)
    {
        Interlocked.Increment(ref _invalidations);
        _cache.TryRemove((kind, name), out _);
    }

    /// <summary>Caches a level read from Redis, unless a change arrived while it was being read (it may predate the change).</summary>
    private void Remember(AccessKind kind, string name, AccessLevel level, long seenInvalidations)
    {
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        var expires = _time.GetTimestamp() + (long)(CacheLifetime.TotalSeconds * _time.TimestampFrequency);
        _cache[(kind, name)] = (level, expires);
        if (Volatile.Read(ref _invalidations) != seenInvalidations)
        {
            _cache.TryRemove((kind, name), out _);
        }
    }

    /// <summary>
    /// The kind's notice channel. On a Redis Cluster it is sharded: a classic PUBLISH there counts only the subscribers
    /// on the server that took it (about half the time one of two nodes, measured), so the announcer would stop
    /// waiting for acks too early; SPUBLISH goes to the shard where every node's SSUBSCRIBE went and counts them all.
    /// </summary>
    private RedisChannel NoticeChannel(AccessKind kind, bool sharded) => RedisBackplane.ResourceChannel($"{_prefix}:{kind.Name}-access", sharded);

    // Names have no braces, so the tag is exactly the name, as in the room's history and the feed's values: a
    // resource's keys share one hash slot.
    private RedisKey Key(AccessKind kind, string name, string suffix) => $"{_prefix}:{kind.Name}:{{{name}}}:{suffix}";

    private RedisKey[] Keys(AccessKind kind, string name, params string[] suffixes) => [.. suffixes.Select(suffix => Key(kind, name, suffix))];

    private sealed class PendingNotice
    {
        private int _received;
        private int _expected = int.MaxValue;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Received => Volatile.Read(ref _received);

        public void Ack()
        {
            if (Interlocked.Increment(ref _received) >= Volatile.Read(ref _expected))
            {
                Done.TrySetResult();
            }
        }

        public void Expect(int receivers)
        {
            Volatile.Write(ref _expected, receivers);
            if (Volatile.Read(ref _received) >= receivers)
            {
                Done.TrySetResult();
            }
        }
    }
}
