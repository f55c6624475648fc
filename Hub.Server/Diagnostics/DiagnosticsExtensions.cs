using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Games;
using RealtimeHub.Server.Presence;
using RealtimeHub.Server.Redis;
using RealtimeHub.Server.Scaleout;

namespace RealtimeHub.Server.Diagnostics;

public static class DiagnosticsExtensions
{
    private const string ReadyTag = "ready";

    /// <summary>
    /// The <c>RealtimeHub</c> meter, health checks, and OTLP export of metrics and traces when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public static IServiceCollection AddDiagnostics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.SectionName);
        services.AddOptions<DiagnosticsOptions>().BindConfiguration(DiagnosticsOptions.SectionName);
        services.AddMetrics();
        services.AddSingleton<HubMetrics>();
        services.Configure<HubOptions>(options => options.AddFilter<ConnectionCountingHubFilter>());
        services.AddSingleton<PresenceGaugeService>();
        services.AddHostedService(sp => sp.GetRequiredService<PresenceGaugeService>());
        // A probe that hangs on a dead link is an answer too: not ready.
        services.AddHealthChecks().AddCheck<BackplaneHealthCheck>("backplane", failureStatus: null, tags: [ReadyTag], timeout: TimeSpan.FromSeconds(2));
        if (OtlpExportOptions.IsEnabled(configuration))
        {
            services.AddOtlpExport(configuration);
        }

        return services;
    }

    /// <summary>Adds a check that <c>/readyz</c> runs (and <c>/healthz</c> does not).</summary>
    public static IHealthChecksBuilder AddReadinessCheck<T>(this IHealthChecksBuilder builder, string name)
        where T : class, IHealthCheck =>
        builder.AddCheck<T>(name, tags: [ReadyTag]);

    /// <summary><c>/healthz</c> (the process serves), <c>/readyz</c> (the backplane is reachable) and <c>/stats</c>.</summary>
    public static IEndpointRouteBuilder MapDiagnostics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(HubRoutes.Health, new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks(HubRoutes.Ready, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        endpoints.MapGet(HubRoutes.Stats, GetStatsAsync);
        return endpoints;
    }

    /// <summary>
    /// OpenTelemetry's SDK for the host's lifetime (flushed when it stops). Only with an endpoint: without an exporter,
    /// an SDK that samples every request and hub call would be cost for nothing. The OTLP exporter reads the other
    /// <c>OTEL_EXPORTER_OTLP_*</c> and <c>OTEL_METRIC_EXPORT_INTERVAL</c>-style settings from the app's configuration.
    /// </summary>
    private static void AddOtlpExport(this IServiceCollection services, IConfiguration configuration)
    {
        var serviceName = configuration[OtlpExportOptions.ServiceNameKey] is { Length: > 0 } name ? name : HubTelemetry.ServiceName;
        var node = new NodeOptions();
        configuration.GetSection(NodeOptions.SectionName).Bind(node);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: node.Name))
            .WithMetrics(metrics => metrics
                .AddMeter([.. HubTelemetry.Meters])
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter())
            .WithTracing(tracing =>
            {
                tracing.AddSource([.. HubTelemetry.ActivitySources]).AddAspNetCoreInstrumentation();
                if (!string.IsNullOrWhiteSpace(configuration[$"{RedisOptions.SectionName}:Configuration"]))
                {
                    tracing.AddRedisInstrumentation(); // on the node's one IConnectionMultiplexer, resolved from DI
                }

                tracing.AddOtlpExporter();
            });
    }

    private static async Task<Stats> GetStatsAsync(
        IBackplane backplane, IPresenceTracker presence, HubMetrics metrics, GameMetrics games, IOptions<NodeOptions> node, CancellationToken cancellationToken)
    {
        // Cluster-wide counts need the backplane; while it is down, /stats still answers with what this node knows.
        var counts = backplane.IsConnected ? await TryCountAsync(presence, cancellationToken) : null;
        if (counts is { } known)
        {
            metrics.RecordPresence(known.UsersOnline, known.Rooms);
        }

        return new Stats(
            node.Value.Name, backplane.Mode, backplane.IsConnected, metrics.Connections,
            counts?.UsersOnline ?? -1, counts?.Rooms ?? -1, metrics.TotalReceived, metrics.TotalDelivered, games.Snapshot());
    }

    private static async Task<PresenceCounts?> TryCountAsync(IPresenceTracker presence, CancellationToken cancellationToken)
    {
        try
        {
            return await presence.GetCountsAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
