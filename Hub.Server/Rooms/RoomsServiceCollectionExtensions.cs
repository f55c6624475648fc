using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Server.Chat;

namespace RealtimeHub.Server.Rooms;

public static class RoomsServiceCollectionExtensions
{
    /// <summary>
    /// Private rooms in the hub: the <c>forbidden room</c> filter, this node's connection list, and the observer that
    /// removes connections that lost a room. The <see cref="IRoomAccess"/> store comes from AddScaleout.
    /// </summary>
    public static IServiceCollection AddRooms(this IServiceCollection services)
    {
        services.AddSingleton<LocalRoomConnections>();
        services.AddSingleton<RoomAccessHubFilter>();
        services.AddSingleton<IRoomAccessObserver, HubRoomEvictor>();
        services.Configure<HubOptions>(options => options.AddFilter<RoomAccessHubFilter>());
        return services;
    }

    /// <summary>Uses Redis for room access: <see cref="RedisRoomAccess"/>, started with the app to hear other nodes' changes. Needs the Redis backplane registered.</summary>
    public static IServiceCollection AddRedisRoomAccess(this IServiceCollection services)
    {
        services.AddSingleton<RedisRoomAccess>();
        services.AddSingleton<IRoomAccess>(static provider => provider.GetRequiredService<RedisRoomAccess>());
        services.AddHostedService(static provider => provider.GetRequiredService<RedisRoomAccess>());
        return services;
    }
}
