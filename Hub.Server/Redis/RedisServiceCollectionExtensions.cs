using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RealtimeHub.Server.Diagnostics;
using StackExchange.Redis;

namespace RealtimeHub.Server.Redis;

public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Registers the node's one <see cref="IConnectionMultiplexer"/> for <see cref="RedisOptions.Configuration"/> (which must
    /// be set), shared by everything that talks to Redis, and a hosted service that connects it with the app and logs its
    /// connection events. A malformed configuration fails the start with an <see cref="ArgumentException"/>.
    /// </summary>
    public static IServiceCollection AddRedisClient(this IServiceCollection services)
    {
        services.TryAddSingleton<IConnectionMultiplexer>(static provider =>
        {
            var options = provider.GetRequiredService<IOptions<RedisOptions>>().Value;
            if (!options.Enabled)
            {
                throw new InvalidOperationException("Redis:Configuration is empty; the Redis client is only for Redis mode.");
            }

            var configuration = RedisConfiguration.Parse(options.Configuration!);
            configuration.ClientName ??= provider.GetRequiredService<IOptions<NodeOptions>>().Value.Name;
            configuration.LoggerFactory ??= provider.GetService<ILoggerFactory>();

            // With abortConnect=false this returns after the first attempt whether or not Redis answered.
            return ConnectionMultiplexer.Connect(configuration);
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisConnectionMonitor>());
        return services;
    }
}
