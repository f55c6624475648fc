using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Authentication;
using RealtimeHub.Server.Redis;

namespace RealtimeHub.Server.Games;

public static class GameHubServiceCollectionExtensions
{
    /// <summary>
    /// Multiplayer matches (section 11): the kinds and options (<see cref="GamesServiceCollectionExtensions.AddGames"/>),
    /// the match loop and its metrics, the host of this node's matches, its players' relay, the hub's service and the upkeep. The mode is
    /// chosen once, here: with <c>Redis:Configuration</c> set the directory, saved states and channels are Redis's, else
    /// this process's. SignalR itself comes from AddChat.
    /// </summary>
    public static IServiceCollection AddGameHub(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGames();
        services.AddOptions<MatchHostingOptions>().BindConfiguration(MatchHostingOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MatchHostingOptions>, MatchHostingOptionsValidator>());
        var redis = configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        if (redis.Enabled)
        {
            services.AddSingleton<IMatchDirectory, RedisMatchDirectory>();
            services.AddSingleton<IMatchStore, RedisMatchStore>();
            services.AddSingleton<IMatchBus, RedisMatchBus>();
        }
        else
        {
            services.AddSingleton<IMatchDirectory, InMemoryMatchDirectory>();
            services.AddSingleton<IMatchStore, InMemoryMatchStore>();
            services.AddSingleton<IMatchBus, InMemoryMatchBus>();
        }

        services.AddSingleton<MatchLoop>();
        services.AddSingleton<GameMetrics>();
        services.AddHostedService(static provider => provider.GetRequiredService<MatchLoop>());
        services.AddSingleton<MatchRelay>();
        services.AddSingleton<MatchHost>();
        services.AddSingleton<GameService>();
        services.AddSingleton<MatchUpkeep>();
        services.AddHostedService(static provider => provider.GetRequiredService<MatchUpkeep>()); // stops before the loop: hands matches over first
        return services;
    }

    /// <summary>The hub at <c>/hubs/game</c>, authenticated and served on every transport exactly as the chat hub; the games' instruments.</summary>
    public static IEndpointRouteBuilder MapGameHub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.ServiceProvider.GetRequiredService<GameMetrics>(); // its instruments exist from the start, not from the first /stats
        endpoints.MapHub<GameHub>(HubRoutes.Game, options =>
        {
            options.CloseOnAuthenticationExpiration = true;
            options.Transports = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling;
        }).RequireCors(CorsPolicies.Clients);
        return endpoints;
    }
}
