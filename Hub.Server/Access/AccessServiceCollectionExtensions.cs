namespace RealtimeHub.Server.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>Embedded mode: <see cref="InMemoryAccessControl"/>. Observers of each kind come from the features (AddRooms, AddLive).</summary>
    public static IServiceCollection AddInMemoryAccess(this IServiceCollection services)
    {
        services.AddSingleton<AccessObservers>();
        services.AddSingleton<IAccessControl, InMemoryAccessControl>();
        return services;
    }

    /// <summary>Uses Redis for access: <see cref="RedisAccessControl"/>, started with the app to hear other nodes' changes. Needs the Redis backplane registered.</summary>
    public static IServiceCollection AddRedisAccess(this IServiceCollection services)
    {
        services.AddSingleton<AccessObservers>();
        services.AddSingleton<RedisAccessControl>();
        services.AddSingleton<IAccessControl>(static provider => provider.GetRequiredService<RedisAccessControl>());
        services.AddHostedService(static provider => provider.GetRequiredService<RedisAccessControl>());
        return services;
    }
}
