using Microsoft.AspNetCore.SignalR.Client;

namespace RealtimeHub.Client.Internal;

/// <summary>
/// Wraps the user's policy to learn about each reconnect attempt: HubConnection raises <c>Reconnecting</c> once
/// per outage, but asks the policy before every attempt.
/// </summary>
internal sealed class ReportingRetryPolicy(IRetryPolicy inner, Action<RetryContext, TimeSpan> onRetry) : IRetryPolicy
{
    public TimeSpan? NextRetryDelay(RetryContext retryContext)
    {
        var delay = inner.NextRetryDelay(retryContext);
        if (delay is { } next)
        {
            onRetry(retryContext, next);
        }

        return delay;
    }
}
