using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RealtimeHub.Server.Presence;

public static class RedisPresenceServiceCollectionExtensions
{
    /// <summary>
    /// Uses Redis for presence: <see cref="RedisPresenceTracker"/> as the <see cref="IPresenceTracker"/>, with its
    /// heartbeat/reaper hosted service and <see cref="RedisPresenceOptions"/> bound from <c>Redis:Presence</c>.
    /// Needs <c>AddRedisClient()</c> (registered before this, so Redis is stopped after presence says goodbye) and an
    /// <see cref="IPresenceNotifier"/>.
    /// </summary>
    public static IServiceCollection AddRedisPresence(this IServiceCollection services, Action<RedisPresenceOptions>? configure = null)
    {
        var options = services.AddOptions<RedisPresenceOptions>().BindConfiguration(RedisPresenceOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisPresenceOptions>, RedisPresenceOptionsValidator>());
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<DeadNodeObservers>();
        services.TryAddSingleton<RedisPresenceTracker>();
        services.AddSingleton<IPresenceTracker>(static provider => provider.GetRequiredService<RedisPresenceTracker>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisPresenceHeartbeatService>());
        return services;
    }
}
