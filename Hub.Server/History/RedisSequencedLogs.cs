using RealtimeHub.Server.Redis;
using StackExchange.Redis;

namespace RealtimeHub.Server.History;

/// <summary>
/// The sequenced logs of one kind in Redis (rooms' messages, documents' updates), each under its own hash tag
/// <c>{prefix}:{kind}:{name}:…</c>: runs the kind's scripts with the keys and first arguments every log script takes
/// (<see cref="RedisSequencedLogScripts"/>), remembers the newest (epoch, sequence) this node saw per log
/// (<see cref="SequenceHints"/>, logging a new epoch once), and carries broadcast confirmations and leases on
/// unbroadcast entries, so "stored means delivered" works the same for every kind.
/// </summary>
internal sealed class RedisSequencedLogs : IDisposable
{
    private readonly IDatabase _redis;
    private readonly string _prefix;
    private readonly string _kind;
    private readonly string[] _suffixes;
    private readonly long _rebroadcastAfterMs;
    private readonly ILogger _logger;
    private readonly SequenceHints _hints = new();
    private readonly BroadcastConfirmations _confirmations;

    /// <param name="kind">The kind's word in keys and logs (<c>room</c>, <c>doc</c>).</param>
    /// <param name="suffixes">The keys every script of the kind takes, in the order of <see cref="RedisSequencedLogScripts"/>: state, entries, client ids, unbroadcast, [snapshot].</param>
    public RedisSequencedLogs(
        IDatabase redis, string prefix, string kind, string[] suffixes, TimeSpan rebroadcastAfter, TimeProvider time, ILogger logger)
    {
        _redis = redis;
        _prefix = prefix;
        _kind = kind;
        _suffixes = suffixes;
        _rebroadcastAfterMs = (long)rebroadcastAfter.TotalMilliseconds;
        _logger = logger;
        _confirmations = new BroadcastConfirmations(
            redis, name => (Key(name, suffixes[0]), Key(name, suffixes[3])), name => _hints.Get(name).Epoch,
            BroadcastConfirmations.IntervalFor(rebroadcastAfter), time);
    }

    public IDatabase Database => _redis;

    /// <summary>Names have no braces, so the tag is exactly the name: a log's keys share a hash slot, and no two logs share a key.</summary>
    public RedisKey Key(string name, string suffix) => $"{_prefix}:{_kind}:{{{name}}}:{suffix}";

    /// <summary>Runs one of the kind's scripts on the log with its keys (then <paramref name="extraKeys"/>) and the arguments every log script begins with.</summary>
    public Task<RedisResult> RunAsync(RedisScript script, string name, RedisKey[] extraKeys, params RedisValue[] values)
    {
        var (seenEpoch, seenSequence) = _hints.Get(name);
        RedisKey[] keys = [.. _suffixes.Select(suffix => Key(name, suffix)), .. extraKeys];
        return script.EvaluateAsync(_redis, keys, [Epochs.RandomPart(), seenEpoch, seenSequence, _rebroadcastAfterMs, .. values]);
    }

    public Task<RedisResult> RunAsync(RedisScript script, string name, params RedisValue[] values) => RunAsync(script, name, [], values);

    /// <summary>Notes what a script said of the log; logs once when it shows a new epoch (the log was lost).</summary>
    public void Observe(string name, string epoch, long sequence)
    {
        if (_hints.Observe(name, epoch, sequence))
        {
            HistoryLog.EpochChanged(_logger, _kind, name, epoch);
        }
    }

    /// <summary>Takes a lease on up to <paramref name="max"/> entries stored but unconfirmed past the rebroadcast grace: {epoch, last, entries with scores}, or nil.</summary>
    public Task<RedisResult> ClaimUnbroadcastAsync(string name, int max) => RunAsync(RedisSequencedLogScripts.ClaimUnbroadcast, name, max);

    /// <summary>
    /// Says the entry was broadcast. Batched and fire and forget: losing one only means a surviving node broadcasts the
    /// entry a second time, which clients drop by (epoch, sequence); waiting for it would add a round trip to every append.
    /// </summary>
    public void ConfirmBroadcast(string name, string epoch, long sequence) => _confirmations.Add(name, epoch, sequence);

    /// <summary>Sends the confirmations still waiting for the next batch (tests, and a node that stops).</summary>
    public void FlushConfirmations() => _confirmations.Flush();

    public void Dispose() => _confirmations.Dispose();
}
