using Microsoft.Extensions.Diagnostics.HealthChecks;
using RealtimeHub.Server.Scaleout;

namespace RealtimeHub.Server.Diagnostics;

/// <summary>Ready only while the backplane is reachable (always, in memory mode).</summary>
public sealed class BackplaneHealthCheck(IBackplane backplane) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(backplane.IsConnected
            ? HealthCheckResult.Healthy($"{backplane.Mode} backplane connected")
            : HealthCheckResult.Unhealthy($"{backplane.Mode} backplane unreachable"));
}
