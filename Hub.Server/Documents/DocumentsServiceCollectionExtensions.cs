using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Access;
using RealtimeHub.Server.Authentication;
using RealtimeHub.Server.History;
using RealtimeHub.Server.Presence;
using RealtimeHub.Server.RateLimiting;

namespace RealtimeHub.Server.Documents;

public static class DocumentsServiceCollectionExtensions
{
    /// <summary>
    /// The document hub's services, options (<c>Docs</c>), rate limit and receive limit (its own: the other hubs keep
    /// theirs), the observer that removes members who lost a document. Storage comes from AddScaleout
    /// (<see cref="AddInMemoryDocuments"/> or <see cref="AddRedisDocuments"/>).
    /// </summary>
    public static IServiceCollection AddDocuments(this IServiceCollection services)
    {
        services.AddOptions<DocsOptions>().BindConfiguration(DocsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DocsOptions>, DocsOptionsValidator>();
        services.AddSingleton<DocumentInput>();
        services.AddSingleton<DocumentConnections>();
        services.AddSingleton<DocumentAwareness>();
        services.AddSingleton<DocumentCompaction>();
        services.AddSingleton<DocumentService>();
        services.AddSingleton<IAccessObserver, DocumentEvictor>();
        services.AddSingleton<IRebroadcaster, DocumentRebroadcaster>();
        services.AddHubRateLimit<DocumentHub>(static provider => provider.GetRequiredService<IOptionsMonitor<DocsOptions>>().CurrentValue.RateLimit);

        // What AddHubOptions<DocumentHub> does, without AddSignalR() again (it would register the plain JSON protocol
        // once more beside AddChat's wrapped one): copy the global options and filters, then raise the receive limit.
        services.AddSingleton<IConfigureOptions<HubOptions<DocumentHub>>, HubOptionsSetup<DocumentHub>>();
        services.AddOptions<HubOptions<DocumentHub>>().Configure<IOptions<DocsOptions>>(
            static (hub, docs) => hub.MaximumReceiveMessageSize = docs.Value.MaximumReceiveMessageSize);
        return services;
    }

    /// <summary>Embedded mode: documents and awareness in process memory.</summary>
    public static IServiceCollection AddInMemoryDocuments(this IServiceCollection services)
    {
        services.AddSingleton<IDocumentStore, InMemoryDocumentStore>();
        services.AddSingleton<IAwarenessStore, InMemoryAwarenessStore>();
        return services;
    }

    /// <summary>Redis mode: documents and awareness in Redis, and the reaper's observer that removes a dead node's awareness states.</summary>
    public static IServiceCollection AddRedisDocuments(this IServiceCollection services)
    {
        services.AddSingleton<RedisDocumentStore>();
        services.AddSingleton<IDocumentStore>(static provider => provider.GetRequiredService<RedisDocumentStore>());
        services.AddSingleton<RedisAwarenessStore>();
        services.AddSingleton<IAwarenessStore>(static provider => provider.GetRequiredService<RedisAwarenessStore>());
        services.AddSingleton<DocumentAwarenessReaper>();
        services.AddSingleton<IDeadNodeObserver>(static provider => provider.GetRequiredService<DocumentAwarenessReaper>());
        services.AddHostedService(static provider => provider.GetRequiredService<DocumentAwarenessReaper>());
        return services;
    }

    public static IEndpointRouteBuilder MapDocuments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<DocumentHub>(HubRoutes.Documents, options =>
        {
            options.CloseOnAuthenticationExpiration = true;
            options.Transports = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling;
        }).RequireCors(CorsPolicies.Clients);
        return endpoints;
    }
}
