using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace RealtimeHub.Server.Diagnostics;

/// <summary>
/// Exports <see cref="HubTelemetry.Meters"/> and <see cref="HubTelemetry.ActivitySources"/> over OTLP for the node's
/// lifetime. The SDK is built here rather than by OpenTelemetry.Extensions.Hosting, which the package registry lacks.
/// </summary>
internal sealed class OtlpExportService(IConfiguration configuration, IOptions<NodeOptions> node, ILogger<OtlpExportService> logger) : IHostedService, IDisposable
{
    private OpenTelemetrySdk? _sdk;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var serviceName = configuration[OtlpExportOptions.ServiceNameKey] is { Length: > 0 } name ? name : HubTelemetry.ServiceName;
        _sdk = OpenTelemetrySdk.Create(builder =>
        {
            // The exporter reads OTEL_EXPORTER_OTLP_* from IConfiguration: give it the app's, not just the environment.
            builder.Services.AddSingleton(configuration);
            builder.ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: node.Value.Name));
            builder.WithMetrics(metrics => metrics.AddMeter([.. HubTelemetry.Meters]).AddOtlpExporter());
            builder.WithTracing(tracing => tracing.AddSource([.. HubTelemetry.ActivitySources]).AddOtlpExporter());
        });
        DiagnosticsLog.ExportingTelemetry(logger, configuration[OtlpExportOptions.EndpointKey]);
        return Task.CompletedTask;
    }

    /// <summary>Disposing the SDK flushes what is still buffered.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _sdk?.Dispose();
        _sdk = null;
    }
}
