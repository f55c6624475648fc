using Microsoft.AspNetCore.SignalR.Client;

namespace RealtimeHub.Client.Live.Internal;

/// <summary>
/// Asks the client's retry policy how long to wait before watching again, counting the attempts since the watch last
/// got a snapshot, as HubConnection counts reconnect attempts since the connection was lost.
/// </summary>
internal sealed class WatchRetries(IRetryPolicy policy, TimeProvider time)
{
    private long _previous;
    private long _firstFailure;

    /// <summary>The watch is running again (it got its snapshot): the next failure starts from the first delay.</summary>
    public void Reset() => _previous = 0;

    /// <returns>The delay before the next attempt, or null when the policy gives up.</returns>
    public TimeSpan? Next(Exception reason)
    {
        if (_previous == 0)
        {
            _firstFailure = time.GetTimestamp();
        }

        var context = new RetryContext { PreviousRetryCount = _previous, ElapsedTime = time.GetElapsedTime(_firstFailure), RetryReason = reason };
        _previous++;
        return policy.NextRetryDelay(context);
    }
}
