using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RealtimeHub.Server.Chat;

namespace RealtimeHub.Server.Scaleout.Official;

/// <summary>
/// Not ready until the official backplane listens on its internal channels: a node that is sent clients before that could
/// not hear other nodes' group acknowledgements and client results. Resolving the lifetime manager here also creates it,
/// which starts those subscriptions.
/// </summary>
public sealed class OfficialBackplaneHealthCheck(HubLifetimeManager<ChatHub> manager, OfficialBackplaneConnection connection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        GC.KeepAlive(manager);
        return Task.FromResult(connection.Subscribed.IsCompletedSuccessfully
            ? HealthCheckResult.Healthy("official backplane subscribed")
            : HealthCheckResult.Unhealthy("official backplane not subscribed to its internal channels yet"));
    }
}
