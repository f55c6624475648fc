using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RealtimeHub.Server.Redis;

public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Redis client for <see cref="RedisOptions"/> (which must be configured, with a non-empty
    /// <see cref="RedisOptions.Configuration"/>): <see cref="RedisConnectionSettings"/>, one <see cref="RedisConnection"/>
    /// and one <see cref="RedisSubscriber"/> (singletons), and a hosted service that starts them with the app.
    /// A malformed configuration fails the start with a <see cref="FormatException"/> naming the problem.
    /// </summary>
    public static IServiceCollection AddRedisClient(this IServiceCollection services)
    {
        services.TryAddSingleton(static provider =>
        {
            var options = provider.GetRequiredService<IOptions<RedisOptions>>().Value;
            return options.Enabled
                ? RedisConnectionSettings.Parse(options.Configuration!)
                : throw new InvalidOperationException("Redis:Configuration is empty; the Redis client is only for Redis mode.");
        });
        services.TryAddSingleton(static provider => new RedisConnection(provider.GetRequiredService<RedisConnectionSettings>(), provider.GetService<ILoggerFactory>()));
        services.TryAddSingleton(static provider => new RedisSubscriber(provider.GetRequiredService<RedisConnectionSettings>(), provider.GetService<ILoggerFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisClientHostedService>());
        return services;
    }
}
