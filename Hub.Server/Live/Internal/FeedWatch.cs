using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Server.Access;
using RealtimeHub.Server.Authentication;
using StackExchange.Redis;

namespace RealtimeHub.Server.Live.Internal;

/// <summary>
/// One <c>Watch</c> stream. SignalR pulls the next item only once it has written the previous one to the connection,
/// so a watch waits for the first tick at which its table changed, builds one batch from its cursor and hands it over;
/// a watcher that stops reading simply stops being pulled, holding its cursor and nothing else.
/// </summary>
internal sealed class FeedWatch(LiveService live, WatchRequest request, WatchSlot slot) : IAsyncEnumerable<FeedBatch>
{
    private readonly CancellationTokenSource _ended = new();
    private volatile string? _endedWith;
    private FeedTable? _table;
    private WatchCursor? _cursor;
    private long _lastItemAt;
    private long _items;
    private int _enumerated;

    public WatchRequest Request => request;

    /// <summary>Items handed to SignalR so far: a paused watcher's stops growing.</summary>
    public long Items => Interlocked.Read(ref _items);

    /// <summary>What the watch keeps per key: at most one entry per watched key.</summary>
    public int TrackedKeys => _cursor?.TrackedKeys ?? 0;

    /// <summary>Ends the watch at once with <paramref name="error"/> (a contract error), whether or not it is being read.</summary>
    public void End(string error)
    {
        _endedWith = error;
        _ended.Cancel();
    }

    public IAsyncEnumerator<FeedBatch> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("A watch is read once.");
        }

        return RunAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    private async IAsyncEnumerable<FeedBatch> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _ended.Token);
        try
        {
            yield return await StepAsync(StartAsync, stop.Token);
            while (true)
            {
                yield return await StepAsync(NextAsync, stop.Token);
            }
        }
        finally
        {
            await CloseAsync();
        }
    }

    /// <summary>Registers the watch (before checking access, so a revoke racing it finds it), then takes the snapshot.</summary>
    private async Task<FeedBatch> StartAsync(CancellationToken cancellationToken)
    {
        live.Registry.Add(this);
        var feed = request.Feed;
        if (!await live.Access.AdmitsAsync(AccessKind.Feed, feed, request.UserId, request.Principal.Names(AccessKind.Feed, feed), cancellationToken))
        {
            throw new HubException(LiveHubErrors.ForbiddenFeed(feed));
        }

        var (table, fresh) = await live.Tables.AcquireAsync(feed, cancellationToken);
        _table = table;
        if (!fresh)
        {
            // The table may not have heard of a publish that returned just now on another node: read the keys once.
            await live.Tables.RefreshAsync(table, request.Keys, cancellationToken);
        }

        _cursor = new WatchCursor(feed, request.Keys, request.MinInterval);
        _lastItemAt = live.Time.GetTimestamp();
        LiveLog.WatchStarted(live.Logger, request.ConnectionId, request.UserId, feed);
        return _cursor.Next(table, _lastItemAt)!; // the first item is always a snapshot
    }

    /// <summary>Waits for the first tick, at least one interval after the last item, at which something is due.</summary>
    private async Task<FeedBatch> NextAsync(CancellationToken cancellationToken)
    {
        var table = _table!;
        var cursor = _cursor!;
        while (true)
        {
            if (!cursor.HasHeld)
            {
                await table.WaitForChangeAsync(cursor.SeenCounter, cursor.Generation, cancellationToken);
            }

            // Not before the interval since the last item, nor before the first key can come off hold.
            var notBefore = Math.Max(_lastItemAt + live.Ticker.IntervalTicks, cursor.QuietUntil);
            var tick = await live.Ticker.TickAtOrAfterAsync(notBefore, cancellationToken);
            if (tick - _lastItemAt >= live.Ticker.IntervalTicks && cursor.Next(table, tick) is { } item)
            {
                _lastItemAt = tick;
                return item;
            }
        }
    }

    /// <summary>One step of the stream, its failures in the contract's words.</summary>
    private async Task<FeedBatch> StepAsync(Func<CancellationToken, Task<FeedBatch>> step, CancellationToken cancellationToken)
    {
        try
        {
            var item = await step(cancellationToken);

            // Ended (a revoke) while this step was under way, without a wait that noticed: the change has returned, so
            // nothing may be sent after it.
            if (_endedWith is { } ended)
            {
                throw new HubException(ended);
            }

            Interlocked.Increment(ref _items);
            return item;
        }
        catch (OperationCanceledException) when (_endedWith is { } error)
        {
            throw new HubException(error);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LiveLog.WatchUnavailable(live.Logger, request.Feed, ex);
            throw LiveHubErrors.Unavailable();
        }
    }

    private async Task CloseAsync()
    {
        live.Registry.Remove(this);
        slot.Release();
        if (_table is not null)
        {
            await live.Tables.ReleaseAsync(_table);
        }

        LiveLog.WatchEnded(live.Logger, request.ConnectionId, request.Feed);
    }
}
