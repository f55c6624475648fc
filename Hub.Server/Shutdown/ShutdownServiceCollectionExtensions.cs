using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RealtimeHub.Server.Diagnostics;

namespace RealtimeHub.Server.Shutdown;

public static class ShutdownServiceCollectionExtensions
{
    /// <summary>
    /// Graceful shutdown: on stop the node turns not-ready, refuses new hub connections, tells its clients to
    /// reconnect elsewhere, waits for them to leave presence, then lets the host stop within
    /// <see cref="ShutdownOptions.Timeout"/>.
    /// </summary>
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services)
    {
        services.AddOptions<ShutdownOptions>().BindConfiguration(ShutdownOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.Timeout);
        services.AddSingleton<ConnectionDrainer>();
        services.AddSingleton<DrainingHubFilter>();
        services.Configure<HubOptions>(hub => hub.AddFilter<DrainingHubFilter>());
        services.AddHostedService<GracefulShutdownService>();
        services.AddHealthChecks().AddReadinessCheck<DrainingHealthCheck>("draining");
        return services;
    }

    /// <summary>Answers 503 to new hub connections while the node drains. Put it before the hub's endpoints.</summary>
    public static IApplicationBuilder UseGracefulShutdown(this IApplicationBuilder app) =>
        app.UseMiddleware<DrainingMiddleware>();
}
