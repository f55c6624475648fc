using System.Collections.Concurrent;
using StackExchange.Redis;

namespace RealtimeHub.Server.History;

/// <summary>
/// Broadcast confirmations on their way to Redis in batches: one script (an epoch-checked ZREM) per log (a room, a
/// document) per flush instead of one command per entry, which cost Redis (and the nodes that share its core) nearly as
/// much as the append itself. A confirmation waits at most a flush interval, a tenth of the rebroadcast grace, so nobody
/// takes over a broadcast that was made. A confirmation for an epoch the log has since left is dropped, here when this
/// node saw the new epoch and in the script when another node started it: its sequence now names another entry.
/// </summary>
internal sealed class BroadcastConfirmations : IDisposable
{
    // Removes the sequences only while the log is still in the confirmations' epoch (its state may be gone, or newer).
    private const string RemoveInEpoch = """
        if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[1] then return 0 end
        return redis.call('ZREM', KEYS[2], unpack(ARGV, 2))
        """;

    private const int MaxPerCommand = 1000; // Lua's unpack takes a few thousand values at most

    private readonly ConcurrentQueue<(string Log, string Epoch, long Sequence)> _pending = new();
    private readonly IDatabase _redis;
    private readonly Func<string, (RedisKey State, RedisKey Unbroadcast)> _keys;
    private readonly Func<string, string> _currentEpoch; // the newest epoch this node has seen the log in
    private readonly ITimer _timer;

    public BroadcastConfirmations(
        IDatabase redis, Func<string, (RedisKey State, RedisKey Unbroadcast)> keys, Func<string, string> currentEpoch, TimeSpan interval, TimeProvider time)
    {
        _redis = redis;
        _keys = keys;
        _currentEpoch = currentEpoch;
        _timer = time.CreateTimer(static state => ((BroadcastConfirmations)state!).FlushFromTimer(), this, interval, interval);
    }

    /// <summary>The interval for a rebroadcast grace: a tenth of it, between 10 ms and 500 ms.</summary>
    public static TimeSpan IntervalFor(TimeSpan rebroadcastAfter) =>
        TimeSpan.FromTicks(Math.Clamp(rebroadcastAfter.Ticks / 10, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromMilliseconds(500).Ticks));

    public void Add(string log, string epoch, long sequence) => _pending.Enqueue((log, epoch, sequence));

    /// <summary>Sends what is pending now (fire and forget, like each confirmation was before).</summary>
    public void Flush()
    {
        if (_pending.IsEmpty)
        {
            return;
        }

        var byLog = new Dictionary<(string Log, string Epoch), List<RedisValue>>();
        while (_pending.TryDequeue(out var confirmation))
        {
            var key = (confirmation.Log, confirmation.Epoch);
            if (!byLog.TryGetValue(key, out var sequences))
            {
                byLog[key] = sequences = [];
            }

            sequences.Add(confirmation.Sequence);
        }

        foreach (var ((log, epoch), sequences) in byLog)
        {
            // Epochs sort by age; an unknown log (empty) has not moved on.
            if (string.CompareOrdinal(_currentEpoch(log), epoch) > 0)
            {
                continue;
            }

            var (state, unbroadcast) = _keys(log);
            foreach (var chunk in sequences.Chunk(MaxPerCommand))
            {
                try
                {
                    _ = _redis.ScriptEvaluateAsync(RemoveInEpoch, [state, unbroadcast], [epoch, .. chunk], CommandFlags.FireAndForget);
                }
                catch (Exception ex) when (ex is ObjectDisposedException or RedisException)
                {
                    // The connection is closing (the node stops) or gone: a lost confirmation only means a survivor
                    // broadcasts the entry again, which clients drop.
                    return;
                }
            }
        }
    }

    private void FlushFromTimer()
    {
        try
        {
            Flush();
        }
#pragma warning disable CA1031 // an exception out of a timer callback ends the process; a lost batch only means rebroadcasts
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush(); // a node that stops keeps its confirmations: otherwise a survivor would broadcast them again
    }
}
