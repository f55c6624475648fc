using Microsoft.Extensions.Logging;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Redis;
using StackExchange.Redis;

namespace RealtimeHub.Server.Presence;

/// <summary>Heartbeat, re-synchronisation, reaping of dead nodes and goodbye; driven by <see cref="RedisPresenceHeartbeatService"/>.</summary>
public sealed partial class RedisPresenceTracker
{
    /// <summary>
    /// Refreshes this node's heartbeat; when Redis no longer holds this node's registration (Redis restarted, or the
    /// node was reaped while stalled) or an earlier update failed, re-writes Redis from the local state.
    /// </summary>
    public async Task HeartbeatAsync(CancellationToken cancellationToken = default)
    {
        var registered = await Run(RedisPresenceScripts.Heartbeat, [_nodeTimeoutMs, _session], cancellationToken).ConfigureAwait(false);
        if ((long)registered != 1 || _resyncNeeded)
        {
            await ResynchronizeAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Removes the connections of every node whose heartbeat expired and announces who left which room; then lets the
    /// <see cref="IDeadNodeObserver"/>s clean up after every node listed as departed (this pass's, and any an earlier pass
    /// on some node could not finish).
    /// </summary>
    /// <returns>The ids of the nodes removed.</returns>
    public async Task<IReadOnlyList<string>> ReapDeadNodesAsync(CancellationToken cancellationToken = default)
    {
        var reply = await Run(RedisPresenceScripts.Reap, [], cancellationToken).ConfigureAwait(false);
        var dead = ((RedisResult[])reply[0]!).Select(static node => (string)node!).ToList();
        var departures = Departures(reply[1]);
        foreach (var node in dead)
        {
            RedisPresenceLog.NodeReaped(_logger, node, NodeId, departures.Count);
        }

        await AnnounceAsync(departures, cancellationToken).ConfigureAwait(false);
        foreach (var departed in ((RedisResult[])reply[2]!).Select(static node => (string)node!))
        {
            await CleanUpAfterAsync(departed, cancellationToken).ConfigureAwait(false);
        }

        return dead;
    }

    /// <summary>Lets every observer clean up after a departed node, and forgets the node once all of them have.</summary>
    private async Task CleanUpAfterAsync(string node, CancellationToken cancellationToken)
    {
        if (node == NodeId)
        {
            return; // this node is back under the same id; its own start cleaned up after its previous run
        }

        foreach (var observer in _deadNodeObservers?.All ?? [])
        {
            try
            {
                await observer.OnNodeDeadAsync(node, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                RedisPresenceLog.DeadNodeCleanupFailed(_logger, node, ex);
                return; // still departed: the next reap, here or on another node, asks again
            }
        }

        await Run(RedisPresenceScripts.Departed, [node], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes everything this node registered (graceful shutdown) and announces the departures.</summary>
    public async Task RemoveNodeAsync(CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            _connections.Clear();
        }

        var departures = Departures(await Run(RedisPresenceScripts.Goodbye, [], cancellationToken).ConfigureAwait(false));
        RedisPresenceLog.SaidGoodbye(_logger, NodeId, departures.Count);
        await AnnounceAsync(departures, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A leave or disconnect that Redis could not place (it lost its data, and the nodes have not all re-registered yet)
    /// cannot tell whether the user still has a connection in the room elsewhere. Once every node has had two heartbeats
    /// to re-register, ask again, and announce the departures that turn out real, so members' lists end up right.
    /// </summary>
    private void RecheckDepartures(IEnumerable<(string Room, UserPresence User)> uncertain)
    {
        var pairs = uncertain.ToList();
        if (pairs.Count == 0)
        {
            return;
        }

        _resyncNeeded = true; // this node's own registration is gone too
        var stopping = _stopping.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(_recheckAfter, stopping).ConfigureAwait(false);
                var reply = (RedisResult[])(await Run(RedisPresenceScripts.Absent, [.. pairs.SelectMany(static p => new RedisValue[] { p.Room, p.User.UserId })], CancellationToken.None).ConfigureAwait(false))!;
                var absent = new HashSet<(string, string)>();
                for (var i = 0; i + 1 < reply.Length; i += 2)
                {
                    absent.Add(((string)reply[i]!, (string)reply[i + 1]!));
                }

                var departures = pairs.Where(p => absent.Contains((p.Room, p.User.UserId))).ToList();
                RedisPresenceLog.DeparturesRechecked(_logger, pairs.Count, departures.Count);
                await AnnounceAsync(departures, CancellationToken.None).ConfigureAwait(false);
                DeparturesRechecked?.Invoke(pairs.Count);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                RedisPresenceLog.BackgroundTaskFailed(_logger, "departure re-check", ex);
            }
        });
    }

    private async Task ResynchronizeAsync(CancellationToken cancellationToken)
    {
        // Cleared first: a failure from here on (or any update failing meanwhile) sets it again.
        _resyncNeeded = false;
        Task<RedisResult> update;
        int connections;
        lock (_sync)
        {
            // Snapshot and send under the lock that also orders every update's local change with its send, so Redis
            // applies updates made before the snapshot before the re-sync and those after it after.
            var args = new List<RedisValue> { _nodeTimeoutMs, _session };
            foreach (var (connectionId, local) in _connections)
            {
                args.AddRange([connectionId, local.User.UserId, local.User.Name, local.Rooms.Count]);
                args.AddRange(local.Rooms.Select(room => (RedisValue)room));
            }

            connections = _connections.Count;
            update = Run(RedisPresenceScripts.Resync, [.. args], cancellationToken);
        }

        RedisResult reply;
        try
        {
            reply = await update.ConfigureAwait(false);
        }
        catch
        {
            _resyncNeeded = true;
            throw;
        }

        var departures = Departures(reply[0]);
        var arrivals = Departures(reply[1]);
        RedisPresenceLog.Resynchronized(_logger, NodeId, connections, departures.Count);
        await AnnounceAsync(departures, cancellationToken).ConfigureAwait(false);
        // Users Redis had lost and this node put back: say they are there, which also corrects a departure that was
        // announced while Redis could not know better. Clients already showing them just keep showing them.
        await AnnounceAsync(arrivals, cancellationToken, joined: true).ConfigureAwait(false);
        Resynchronized?.Invoke();
    }

    // Sent before this returns (StackExchange.Redis queues the command at once), so callers holding the lock order updates.
    private Task<RedisResult> Run(RedisScript script, ReadOnlySpan<RedisValue> args, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var all = new RedisValue[args.Length + 2];
        all[0] = _prefix;
        all[1] = NodeId;
        args.CopyTo(all.AsSpan(2));
        return script.EvaluateAsync(_database, [$"{_prefix}:nodes"], all); // the key routes the script to presence's slot
    }

    /// <summary>Awaits an update; on failure undoes the local change (under the lock) and schedules a re-sync.</summary>
    private async Task<RedisResult> CompleteAsync(Task<RedisResult> update, string connectionId, Action? rollback)
    {
        try
        {
            return await update.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The script may or may not have run (a timeout): the re-sync makes Redis match the local state either way.
            _resyncNeeded = true;
            RedisPresenceLog.OperationFailed(_logger, connectionId, ex);
            if (rollback is not null)
            {
                lock (_sync)
                {
                    rollback();
                }
            }

            throw;
        }
    }

    private static List<(string Room, UserPresence User)> Departures(RedisResult triples)
    {
        var items = (RedisResult[])triples!;
        var departures = new List<(string, UserPresence)>(items.Length / 3);
        for (var i = 0; i + 2 < items.Length; i += 3)
        {
            departures.Add(((string)items[i]!, new UserPresence((string)items[i + 1]!, (string)items[i + 2]!)));
        }

        return departures;
    }

    private async Task AnnounceAsync(List<(string Room, UserPresence User)> changes, CancellationToken cancellationToken, bool joined = false)
    {
        foreach (var (room, user) in changes)
        {
            try
            {
                await (joined ? _notifier.UserJoinedAsync(room, user, cancellationToken) : _notifier.UserLeftAsync(room, user, cancellationToken)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                RedisPresenceLog.NotifyFailed(_logger, user.UserId, room, ex);
            }
        }
    }
}
