using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Server.Access;
using RealtimeHub.Server.Authentication;
using RealtimeHub.Server.Live.Internal;
using RealtimeHub.Server.Scaleout;

namespace RealtimeHub.Server.Live;

public static class LiveServiceCollectionExtensions
{
    /// <summary>
    /// A watch naming 500 keys of 64 characters is about 34 KB of JSON, over the 32 KiB frame limit of the chat hub;
    /// the live hub takes frames up to this.
    /// </summary>
    public const int MaxFrameBytes = 64 * 1024;

    /// <summary>
    /// Live feeds: options, the node's ticker and tables, watches and their access observer, the publisher and the demo.
    /// The feed store comes from AddScaleout (<see cref="AddInMemoryFeeds"/> or <see cref="AddRedisFeeds"/>).
    /// </summary>
    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<LiveOptions>, LiveOptionsSetup>();
        services.AddSingleton<IValidateOptions<LiveOptions>, LiveOptionsValidator>();
        services.AddSingleton<LiveTicker>();
        services.AddHostedService(static provider => provider.GetRequiredService<LiveTicker>());
        services.AddSingleton<FeedTables>();
        services.AddSingleton<WatchRegistry>();
        services.AddSingleton(static provider => new LiveService(
            provider.GetRequiredService<IOptions<LiveOptions>>(), provider.GetRequiredService<FeedTables>(), provider.GetRequiredService<LiveTicker>(),
            provider.GetRequiredService<WatchRegistry>(), provider.GetRequiredService<IAccessControl>(), provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<LiveService>>()));
        services.AddSingleton<FeedPublisher>();
        services.AddSingleton<IAccessObserver, FeedWatchEvictor>();
        services.AddHostedService<LiveDemoService>();

        // Nothing is sent to a live connection from another node (feeds travel on their own channels, revokes on the
        // access channel), so its connections need no backplane: no Redis subscriptions per connection.
        services.AddSingleton<HubLifetimeManager<LiveHub>, InMemoryHubLifetimeManager<LiveHub>>();
        // What AddHubOptions<LiveHub> does: the hub's own options start as a copy of the global ones (filters, protocols),
        // then take the larger frame limit. Without HubOptionsSetup the hub would keep reading the global options alone.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HubOptions<LiveHub>>, HubOptionsSetup<LiveHub>>());
        services.Configure<HubOptions<LiveHub>>(options => options.MaximumReceiveMessageSize = MaxFrameBytes);
        return services;
    }

    /// <summary>Embedded mode: feeds in memory, the store being its own fan-out.</summary>
    public static IServiceCollection AddInMemoryFeeds(this IServiceCollection services)
    {
        services.AddSingleton<InMemoryFeedStore>();
        services.AddSingleton<IFeedStore>(static provider => provider.GetRequiredService<InMemoryFeedStore>());
        services.AddSingleton<IFeedFanout>(static provider => provider.GetRequiredService<InMemoryFeedStore>());
        return services;
    }

    /// <summary>Redis mode: feeds in Redis, published on each feed's channel. Needs the Redis backplane registered.</summary>
    public static IServiceCollection AddRedisFeeds(this IServiceCollection services)
    {
        services.AddSingleton<IFeedStore, RedisFeedStore>();
        services.AddSingleton<IFeedFanout, RedisFeedFanout>();
        return services;
    }

    /// <summary>The hub at <c>/hubs/live</c>, on every transport and both protocols, authenticated as the chat hub.</summary>
    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<LiveHub>(HubRoutes.Live, options =>
        {
            options.CloseOnAuthenticationExpiration = true;
            options.Transports = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling;
        }).RequireCors(CorsPolicies.Clients);
        return endpoints;
    }
}
