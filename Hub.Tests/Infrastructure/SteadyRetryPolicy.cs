using Microsoft.AspNetCore.SignalR.Client;

namespace RealtimeHub.Tests.Infrastructure;

/// <summary>Retries every 200 ms for ever: fault tests want a client that keeps trying, not one that backs off.</summary>
public sealed class SteadyRetryPolicy : IRetryPolicy
{
    public TimeSpan? NextRetryDelay(RetryContext retryContext) => TimeSpan.FromMilliseconds(200);
}
