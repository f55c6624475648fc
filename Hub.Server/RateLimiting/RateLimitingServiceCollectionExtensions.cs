using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RealtimeHub.Server.RateLimiting;

public static class RateLimitingServiceCollectionExtensions
{
    /// <summary>
    /// Counts <typeparamref name="THub"/>'s <see cref="RateLimitedAttribute"/> methods against a per-connection bucket of
    /// the limits <paramref name="limits"/> reads (from the feature's options), and installs the filter once for every hub.
    /// </summary>
    public static IServiceCollection AddHubRateLimit<THub>(this IServiceCollection services, Func<IServiceProvider, RateLimitOptions> limits)
        where THub : Hub
    {
        services.AddSingleton(provider => new HubRateLimit(typeof(THub), () => limits(provider)));
        if (services.All(d => d.ServiceType != typeof(RateLimitingHubFilter)))
        {
            services.TryAddSingleton<RateLimitingHubFilter>();
            services.Configure<HubOptions>(options => options.AddFilter<RateLimitingHubFilter>());
        }

        return services;
    }
}
