using Microsoft.AspNetCore.SignalR.Client;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Client;

/// <summary>
/// A retry policy that records what it is asked and answers <paramref name="delay"/> (none by default), until it gives
/// up after <paramref name="giveUpAfter"/> retries.
/// </summary>
internal sealed class RecordingRetryPolicy(int giveUpAfter = int.MaxValue, TimeSpan? delay = null) : IRetryPolicy
{
    public EventLog<RetryContext> Asked { get; } = new();

    public TimeSpan? NextRetryDelay(RetryContext retryContext)
    {
        Asked.Add(retryContext);
        return retryContext.PreviousRetryCount < giveUpAfter ? delay ?? TimeSpan.Zero : null;
    }
}
