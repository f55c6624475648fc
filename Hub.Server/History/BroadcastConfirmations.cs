using System.Collections.Concurrent;
using RealtimeHub.Contracts;
using StackExchange.Redis;

namespace RealtimeHub.Server.History;

/// <summary>
/// Broadcast confirmations on their way to Redis in batches: one ZREM per room per flush instead of one command per
/// message, which cost Redis (and the nodes that share its core) nearly as much as the append itself. A confirmation
/// waits at most a flush interval, a tenth of the rebroadcast grace, so nobody takes over a broadcast that was made.
/// A confirmation for an epoch the room has since left is dropped: its sequence now names another message.
/// </summary>
internal sealed class BroadcastConfirmations : IDisposable
{
    private readonly ConcurrentQueue<ChatMessage> _pending = new();
    private readonly IDatabase _redis;
    private readonly Func<string, RedisKey> _unbroadcastKey;
    private readonly Func<string, string> _currentEpoch; // the newest epoch this node has seen the room in
    private readonly ITimer _timer;

    public BroadcastConfirmations(IDatabase redis, Func<string, RedisKey> unbroadcastKey, Func<string, string> currentEpoch, TimeSpan interval, TimeProvider time)
    {
        _redis = redis;
        _unbroadcastKey = unbroadcastKey;
        _currentEpoch = currentEpoch;
        _timer = time.CreateTimer(static state => ((BroadcastConfirmations)state!).Flush(), this, interval, interval);
    }

    /// <summary>The interval for a rebroadcast grace: a tenth of it, between 10 ms and 500 ms.</summary>
    public static TimeSpan IntervalFor(TimeSpan rebroadcastAfter) =>
        TimeSpan.FromTicks(Math.Clamp(rebroadcastAfter.Ticks / 10, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromMilliseconds(500).Ticks));

    public void Add(ChatMessage message) => _pending.Enqueue(message);

    /// <summary>Sends what is pending now (fire and forget, like each confirmation was before).</summary>
    public void Flush()
    {
        if (_pending.IsEmpty)
        {
            return;
        }

        var byRoom = new Dictionary<(string Room, string Epoch), List<RedisValue>>();
        while (_pending.TryDequeue(out var message))
        {
            var key = (message.Room, message.Epoch);
            if (!byRoom.TryGetValue(key, out var sequences))
            {
                byRoom[key] = sequences = [];
            }

            sequences.Add(message.Sequence);
        }

        foreach (var ((room, epoch), sequences) in byRoom)
        {
            // Epochs sort by age; an unknown room (empty) has not moved on.
            if (string.CompareOrdinal(_currentEpoch(room), epoch) > 0)
            {
                continue;
            }

            try
            {
                _ = _redis.SortedSetRemoveAsync(_unbroadcastKey(room), [.. sequences], CommandFlags.FireAndForget);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or RedisException)
            {
                // The connection is closing (the node stops) or gone: a lost confirmation only means a survivor
                // broadcasts the message again, which clients drop. A timer callback must never throw.
                return;
            }
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush(); // a node that stops keeps its confirmations: otherwise a survivor would broadcast them again
    }
}
