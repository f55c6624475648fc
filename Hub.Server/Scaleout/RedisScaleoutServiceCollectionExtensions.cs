using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Server.Access;
using RealtimeHub.Server.Chat;
using RealtimeHub.Server.Diagnostics;
using RealtimeHub.Server.Documents;
using RealtimeHub.Server.History;
using RealtimeHub.Server.Live;
using RealtimeHub.Server.Presence;
using RealtimeHub.Server.Redis;
using RealtimeHub.Server.Scaleout.Official;
using StackExchange.Redis;

namespace RealtimeHub.Server.Scaleout;

public static class RedisScaleoutServiceCollectionExtensions
{
    /// <summary>
    /// The Redis backplane (<see cref="RedisOptions.Backplane"/> picks which), presence, history, access, feeds and documents, all on one
    /// <see cref="IConnectionMultiplexer"/> per node. The client is registered first so that it is stopped last, after
    /// presence has said goodbye.
    /// </summary>
    public static IServiceCollection AddRedisScaleout(this IServiceCollection services, RedisBackplaneKind backplane)
    {
        services.AddRedisClient();
        services.AddSingleton<RedisBackplane>();
        services.AddSingleton<IBackplane>(sp => sp.GetRequiredService<RedisBackplane>());
        if (backplane == RedisBackplaneKind.SignalR)
        {
            AddSignalRBackplane(services);
        }
        else
        {
            services.AddSingleton(typeof(HubLifetimeManager<>), typeof(RedisHubLifetimeManager<>));
        }

        services.AddRedisPresence();
        services.AddRedisHistory();
        services.AddRedisAccess();
        services.AddRedisFeeds();
        services.AddRedisDocuments();
        services.AddHostedService<UnbroadcastSweeper>(); // a node can die between storing and broadcasting
        services.AddSingleton<BackplaneErrorHubFilter>();
        services.Configure<HubOptions>(options => options.AddFilter<BackplaneErrorHubFilter>());
        return services;
    }

    /// <summary>
    /// The official backplane on the node's own multiplexer (so one set of Redis connections, settings and health), its
    /// channels under the same prefix (<see cref="OfficialBackplaneConnection"/>), wrapped so that a client connecting while
    /// Redis is away is asked to reconnect instead of being told never to come back; ready once it listens.
    /// </summary>
    private static void AddSignalRBackplane(IServiceCollection services)
    {
        // What AddStackExchangeRedis() registers, by hand: through an ISignalRServerBuilder it would register the plain
        // JSON protocol again beside AddChat's. Its Configuration.ChannelPrefix would do nothing: with a ConnectionFactory
        // the multiplexer's own settings apply, and the node's has no channel prefix.
        services.AddSingleton<OfficialBackplaneConnection>();
        services.AddOptions<Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions>()
            .Configure<IServiceProvider>((options, provider) =>
                options.ConnectionFactory = _ => Task.FromResult(provider.GetRequiredService<OfficialBackplaneConnection>().Multiplexer));
        services.AddSingleton(typeof(Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisHubLifetimeManager<>));
        services.AddSingleton(typeof(HubLifetimeManager<>), typeof(ReconnectingHubLifetimeManager<>));
        services.AddHealthChecks().AddReadinessCheck<OfficialBackplaneHealthCheck>("official-backplane");
    }
}
