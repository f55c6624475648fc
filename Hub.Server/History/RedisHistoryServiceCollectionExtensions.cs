using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RealtimeHub.Server.History;

public static class RedisHistoryServiceCollectionExtensions
{
    /// <summary>
    /// Uses Redis for history: <see cref="RedisMessageStore"/> as the <see cref="IMessageStore"/>. Needs
    /// <c>AddRedisClient()</c>, and <c>ChatOptions</c> / <c>RedisOptions</c> configured.
    /// </summary>
    public static IServiceCollection AddRedisHistory(this IServiceCollection services)
    {
        services.TryAddSingleton<RedisMessageStore>();
        services.AddSingleton<IMessageStore>(static provider => provider.GetRequiredService<RedisMessageStore>());
        return services;
    }
}
