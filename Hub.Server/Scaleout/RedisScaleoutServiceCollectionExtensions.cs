using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RealtimeHub.Server.Chat;
using RealtimeHub.Server.History;
using RealtimeHub.Server.Presence;
using RealtimeHub.Server.Redis;
using RealtimeHub.Server.Rooms;
using StackExchange.Redis;

namespace RealtimeHub.Server.Scaleout;

public static class RedisScaleoutServiceCollectionExtensions
{
    /// <summary>
    /// The Redis backplane (<see cref="RedisOptions.Backplane"/> picks which), presence, history and room access, all on one
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
        services.AddRedisRoomAccess();
        services.AddHostedService<UnbroadcastMessageSweeper>(); // a node can die between storing and broadcasting
        services.AddSingleton<BackplaneErrorHubFilter>();
        services.Configure<HubOptions>(options => options.AddFilter<BackplaneErrorHubFilter>());
        return services;
    }

    /// <summary>
    /// The official backplane on the node's own multiplexer (so one set of Redis connections, settings and health), its
    /// channels under the same prefix, wrapped so that a client connecting while Redis is away is asked to reconnect
    /// instead of being told never to come back.
    /// </summary>
    private static void AddSignalRBackplane(IServiceCollection services)
    {
        // What AddStackExchangeRedis() registers, by hand: through an ISignalRServerBuilder it would register the plain
        // JSON protocol again beside AddChat's.
        services.AddOptions<Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions>()
            .Configure<IServiceProvider, IOptions<RedisOptions>>((options, provider, redis) =>
            {
                options.Configuration.ChannelPrefix = RedisChannel.Literal($"{redis.Value.ChannelPrefix}:signalr");
                options.ConnectionFactory = _ => Task.FromResult(provider.GetRequiredService<IConnectionMultiplexer>());
            });
        services.AddSingleton(typeof(Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisHubLifetimeManager<>));
        services.AddSingleton(typeof(HubLifetimeManager<>), typeof(ReconnectingHubLifetimeManager<>));
    }
}
