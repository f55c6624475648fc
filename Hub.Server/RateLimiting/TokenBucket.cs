namespace RealtimeHub.Server.RateLimiting;

/// <summary>
/// A token bucket: holds up to <c>capacity</c> tokens, refills at <c>perSecond</c>, and counts refusals in a row
/// so a client that ignores refusals can be cut off. Time comes from a <see cref="TimeProvider"/> so tests need no clock.
/// </summary>
public sealed class TokenBucket
{
    private readonly double _perSecond;
    private readonly double _capacity;
    private readonly TimeProvider _time;
    private readonly Lock _sync = new();
    private double _tokens;
    private long _lastRefill;

    public TokenBucket(double perSecond, int capacity, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _perSecond = perSecond;
        _capacity = capacity;
        _time = time;
        _tokens = capacity;
        _lastRefill = time.GetTimestamp();
    }

    /// <summary>Refusals since the last call that was allowed.</summary>
    public int RefusalsInARow { get; private set; }

    /// <summary>Takes a token if there is one.</summary>
    public bool TryTake()
    {
        lock (_sync)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + (_time.GetElapsedTime(_lastRefill, now).TotalSeconds * _perSecond));
            _lastRefill = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                RefusalsInARow = 0;
                return true;
            }

            RefusalsInARow++;
            return false;
        }
    }
}
