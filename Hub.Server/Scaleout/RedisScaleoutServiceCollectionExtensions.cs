using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Server.History;
using RealtimeHub.Server.Presence;
using RealtimeHub.Server.Redis;

namespace RealtimeHub.Server.Scaleout;

public static class RedisScaleoutServiceCollectionExtensions
{
    /// <summary>
    /// The Redis backplane, presence and history, sharing one command connection and one subscriber per node.
    /// The client is registered first so that it is stopped last, after presence has said goodbye.
    /// </summary>
    public static IServiceCollection AddRedisScaleout(this IServiceCollection services)
    {
        services.AddRedisClient();
        services.AddSingleton<RedisBackplane>();
        services.AddSingleton<IBackplane>(sp => sp.GetRequiredService<RedisBackplane>());
        services.AddSingleton(typeof(HubLifetimeManager<>), typeof(RedisHubLifetimeManager<>));
        services.AddRedisPresence();
        services.AddRedisHistory();
        services.AddSingleton<BackplaneErrorHubFilter>();
        services.Configure<HubOptions>(options => options.AddFilter<BackplaneErrorHubFilter>());
        return services;
    }
}
