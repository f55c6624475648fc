using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Server.History;
using RealtimeHub.Server.Presence;
using RealtimeHub.Server.Redis;

namespace RealtimeHub.Server.Scaleout;

public static class RedisScaleoutServiceCollectionExtensions
{
    /// <summary>The Redis backplane, presence and history, sharing one command connection and one subscriber per node.</summary>
    public static IServiceCollection AddRedisScaleout(this IServiceCollection services)
    {
        services.AddOptions<RedisPresenceOptions>().BindConfiguration(RedisPresenceOptions.SectionName);
        services.AddSingleton<RedisBackplane>();
        services.AddSingleton<IBackplane>(sp => sp.GetRequiredService<RedisBackplane>());
        services.AddSingleton<RedisConnection>(sp => sp.GetRequiredService<RedisBackplane>().Connection);
        services.AddSingleton(typeof(HubLifetimeManager<>), typeof(RedisHubLifetimeManager<>));
        services.AddSingleton<RedisPresenceTracker>();
        services.AddSingleton<IPresenceTracker>(sp => sp.GetRequiredService<RedisPresenceTracker>());
        services.AddHostedService<RedisPresenceHeartbeatService>();
        services.AddSingleton<IMessageStore, RedisMessageStore>();
        return services;
    }
}
