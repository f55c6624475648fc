namespace RealtimeHub.Server.Scaleout;

public static class RedisScaleoutServiceCollectionExtensions
{
    /// <summary>The Redis backplane, presence and history. Filled in by the Redis scale-out work.</summary>
    public static IServiceCollection AddRedisScaleout(this IServiceCollection services) =>
        throw new NotSupportedException("Redis mode is not wired in yet: leave Redis:Configuration empty for embedded mode.");
}
