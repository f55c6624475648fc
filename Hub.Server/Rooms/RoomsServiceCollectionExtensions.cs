using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Server.Access;
using RealtimeHub.Server.Chat;

namespace RealtimeHub.Server.Rooms;

public static class RoomsServiceCollectionExtensions
{
    /// <summary>
    /// Private rooms (and documents) in the hubs: the <c>forbidden …</c> filter, this node's connection list, and the
    /// observer that removes connections that lost a room. The <see cref="IAccessControl"/> store comes from AddScaleout.
    /// </summary>
    public static IServiceCollection AddRooms(this IServiceCollection services)
    {
        services.AddSingleton<LocalHubConnections>();
        services.AddSingleton<AccessHubFilter>();
        services.AddSingleton<IAccessObserver, HubRoomEvictor>();
        services.Configure<HubOptions>(options => options.AddFilter<AccessHubFilter>());
        return services;
    }
}
