using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RealtimeHub.Server.Scaleout;
using StackExchange.Redis;

namespace RealtimeHub.Server.Rooms;

/// <summary>
/// Room access shared by every node through Redis, beside the room's history under the same <c>{room}</c> hash tag:
/// <c>{ChannelPrefix}:room:{room}:access</c> (string <c>private</c>; absent = open) and <c>…:grants</c> (set of user ids).
/// Each node caches rooms' access levels for <see cref="CacheLifetime"/>, so a send to an open room costs no round trip.
/// A change that can take members away is published on <c>{ChannelPrefix}:room-access</c>; every node drops its cached
/// level, removes its connections that lost the room, and acknowledges, and the change returns once every node that
/// received it has (or after <see cref="Redis.RedisOptions.AckTimeout"/>).
/// </summary>
public sealed class RedisRoomAccess : IRoomAccess, IHostedService
{
    /// <summary>
    /// How long a node trusts its cached access level. Changes reach nodes at once through pub/sub; this only bounds
    /// staleness after a notice was lost (a broken subscription link), which also clears the cache when it is restored.
    /// </summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);

    private const string PrivateValue = "private";
    private const int MaxCachedRooms = 10_000;

    private readonly IServiceProvider _services;
    private readonly IConnectionMultiplexer _redis;
    private readonly IDatabase _database;
    private readonly ISubscriber _bus;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _prefix;
    private readonly RedisChannel _noticeChannel;
    private readonly RedisChannel _ackChannel;
    private readonly TimeSpan _ackTimeout;
    private readonly ConcurrentDictionary<string, (RoomAccessLevel Level, long Expires)> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingNotice> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private long _invalidations;
    private int _subscribed;

    public RedisRoomAccess(IServiceProvider services, RedisBackplane backplane, TimeProvider time, ILogger<RedisRoomAccess> logger)
    {
        _services = services;
        _redis = backplane.Redis;
        _database = _redis.GetDatabase();
        _bus = _redis.GetSubscriber();
        _time = time;
        _logger = logger;
        _prefix = backplane.Options.ChannelPrefix;
        _ackTimeout = backplane.Options.AckTimeout;
        _noticeChannel = RedisChannel.Literal($"{_prefix}:room-access");
        _ackChannel = RedisChannel.Literal($"{_prefix}:room-access:ack:{backplane.NodeId}");
    }

    private IRoomAccessObserver Observer => _services.GetRequiredService<IRoomAccessObserver>();

    public async ValueTask<bool> AdmitsAsync(string room, string userId, bool namedByToken, CancellationToken cancellationToken = default)
    {
        if (namedByToken)
        {
            return true; // a member whether the room is open or private
        }

        if (_cache.TryGetValue(room, out var cached) && cached.Expires > _time.GetTimestamp())
        {
            return cached.Level == RoomAccessLevel.Open
                || await _database.SetContainsAsync(Key(room, "grants"), userId).ConfigureAwait(false);
        }

        var seen = Volatile.Read(ref _invalidations);
        var reply = (long[])(await RedisRoomAccessScripts.Check.EvaluateAsync(_database, [Key(room, "access"), Key(room, "grants")], [userId]).ConfigureAwait(false))!;
        var level = reply[0] == 1 ? RoomAccessLevel.Private : RoomAccessLevel.Open;
        Remember(room, level, seen);
        return level == RoomAccessLevel.Open || reply[1] == 1;
    }

    public async Task<RoomAccessLevel> GetAccessAsync(string room, CancellationToken cancellationToken = default) =>
        await _database.StringGetAsync(Key(room, "access")).ConfigureAwait(false) == PrivateValue ? RoomAccessLevel.Private : RoomAccessLevel.Open;

    public async Task SetAccessAsync(string room, RoomAccessLevel access, CancellationToken cancellationToken = default)
    {
        if (access == RoomAccessLevel.Private)
        {
            await _database.StringSetAsync(Key(room, "access"), PrivateValue).ConfigureAwait(false);
        }
        else
        {
            await _database.KeyDeleteAsync(Key(room, "access")).ConfigureAwait(false);
        }

        await AnnounceAsync(new RoomAccessChange(room, null)).ConfigureAwait(false);
    }

    public Task GrantAsync(string room, string userId, CancellationToken cancellationToken = default) =>
        _database.SetAddAsync(Key(room, "grants"), userId);

    public async Task RevokeAsync(string room, string userId, CancellationToken cancellationToken = default)
    {
        await _database.SetRemoveAsync(Key(room, "grants"), userId).ConfigureAwait(false);
        await AnnounceAsync(new RoomAccessChange(room, userId)).ConfigureAwait(false);
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
            await Task.WhenAll(_bus.UnsubscribeAsync(_noticeChannel), _bus.UnsubscribeAsync(_ackChannel)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // stopping anyway; Redis forgets a closed connection's subscriptions
        }
    }

    private Task SubscribeAsync() => Task.WhenAll(
        _bus.SubscribeAsync(_noticeChannel, (channel, value) => _ = OnNoticeAsync(value)),
        _bus.SubscribeAsync(_ackChannel, (_, value) => OnAck(value)));

    /// <summary>Publishes the change and waits until every node that received it has removed its connections that lost the room.</summary>
    private async Task AnnounceAsync(RoomAccessChange change)
    {
        Invalidate(change.Room);
        var id = Guid.NewGuid().ToString("N");
        var pending = _pending[id] = new PendingNotice();
        try
        {
            var notice = string.Join('\n', id, _ackChannel.ToString(), change.Room, change.UserId ?? string.Empty);
            var receivers = await _bus.PublishAsync(_noticeChannel, notice).ConfigureAwait(false);
            pending.Expect((int)receivers);
            try
            {
                await pending.Done.Task.WaitAsync(_ackTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                RoomsLog.AckTimedOut(_logger, change.Room, pending.Received, (int)receivers, _ackTimeout.TotalMilliseconds);
            }
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task OnNoticeAsync(RedisValue value)
    {
        var parts = ((string?)value ?? string.Empty).Split('\n');
        if (parts.Length != 4)
        {
            RoomsLog.BadNotice(_logger, (string?)value ?? string.Empty);
            return;
        }

        var change = new RoomAccessChange(parts[2], parts[3].Length == 0 ? null : parts[3]);
        Invalidate(change.Room);
        try
        {
            await Observer.OnChangedAsync(change, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            RoomsLog.RemovalFailed(_logger, change.Room, ex);
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
        if (e.ConnectionType != ConnectionType.Subscription)
        {
            return;
        }

        // Notices may have been missed while the link was down.
        Interlocked.Increment(ref _invalidations);
        _cache.Clear();
        _ = SubscribeOnceAsync();
    }

    /// <summary>Subscribes unless done already: the client restores subscriptions by itself after a reconnect.</summary>
    private async Task SubscribeOnceAsync()
    {
        if (Interlocked.CompareExchange(ref _subscribed, 1, 0) != 0)
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
            RoomsLog.SubscribeFailed(_logger, ex);
        }
    }

    private void Invalidate(string room)
    {
        Interlocked.Increment(ref _invalidations);
        _cache.TryRemove(room, out _);
    }

    /// <summary>Caches a level read from Redis, unless a change arrived while it was being read (it may predate the change).</summary>
    private void Remember(string room, RoomAccessLevel level, long seenInvalidations)
    {
        if (_cache.Count >= MaxCachedRooms)
        {
            _cache.Clear();
        }

        var expires = _time.GetTimestamp() + (long)(CacheLifetime.TotalSeconds * _time.TimestampFrequency);
        _cache[room] = (level, expires);
        if (Volatile.Read(ref _invalidations) != seenInvalidations)
        {
            _cache.TryRemove(room, out _);
        }
    }

    // Room names have no braces, so the tag is exactly the room, as in RedisMessageStore: a room's keys share a hash slot.
    private RedisKey Key(string room, string suffix) => $"{_prefix}:room:{{{room}}}:{suffix}";

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
