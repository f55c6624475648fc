using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RealtimeHub.Server.Shutdown;

/// <summary>Not ready once the node drains, so a balancer that polls <c>/readyz</c> stops sending it clients.</summary>
internal sealed class DrainingHealthCheck(ConnectionDrainer drainer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drainer.IsDraining
            ? HealthCheckResult.Unhealthy("shutting down")
            : HealthCheckResult.Healthy("accepting connections"));
}
