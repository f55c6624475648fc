using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Server.Access;
using RealtimeHub.Server.Documents;
using RealtimeHub.Server.History;
using RealtimeHub.Server.Live;
using RealtimeHub.Server.Presence;
using RealtimeHub.Server.Redis;

namespace RealtimeHub.Server.Scaleout;

public static class ScaleoutServiceCollectionExtensions
{
    /// <summary>
    /// Chooses the mode once, at start: with <c>Redis:Configuration</c> set, the Redis backplane, presence, history, access, feeds and documents;
    /// without it, their in-memory twins. Nothing else in the app asks which mode it is in.
    /// </summary>
    public static IServiceCollection AddScaleout(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var redis = configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        if (redis.Enabled)
        {
            return services.AddRedisScaleout(redis.Backplane);
        }

        services.AddSingleton<IBackplane, InMemoryBackplane>();
        services.AddSingleton(typeof(HubLifetimeManager<>), typeof(InMemoryHubLifetimeManager<>));
        services.AddSingleton<IPresenceTracker, InMemoryPresenceTracker>();
        services.AddSingleton<IMessageStore, InMemoryMessageStore>();
        services.AddInMemoryAccess();
        services.AddInMemoryFeeds();
        services.AddInMemoryDocuments();
        return services;
    }
}
