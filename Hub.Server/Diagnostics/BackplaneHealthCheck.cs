using Microsoft.Extensions.Diagnostics.HealthChecks;
using RealtimeHub.Server.Scaleout;

namespace RealtimeHub.Server.Diagnostics;

/// <summary>Ready only while the backplane answers a round trip (always, in memory mode).</summary>
public sealed class BackplaneHealthCheck(IBackplane backplane) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await backplane.ProbeAsync(cancellationToken)
            ? HealthCheckResult.Healthy($"{backplane.Mode} backplane connected")
            : HealthCheckResult.Unhealthy($"{backplane.Mode} backplane unreachable");
}
