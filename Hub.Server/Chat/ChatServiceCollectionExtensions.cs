using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.Connections;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Authentication;
using RealtimeHub.Server.History;
using RealtimeHub.Server.Presence;
using RealtimeHub.Server.RateLimiting;

namespace RealtimeHub.Server.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>SignalR with the hub's limits, the rate-limit filter, and the chat services. Storage comes from AddScaleout.</summary>
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChatOptions>, ChatOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ChatInput>();
        services.AddSingleton<ChatService>();
        services.AddSingleton<IRebroadcaster, ChatRebroadcaster>();
        services.AddSingleton<IPresenceNotifier, HubPresenceNotifier>();
        services.AddHubRateLimit<ChatHub>(static provider => provider.GetRequiredService<IOptionsMonitor<ChatOptions>>().CurrentValue.RateLimit);
        services.AddSignalR(options =>
        {
            // Larger frames close the connection. Every hub's default; the document hub raises its own (HubOptions<DocumentHub>).
            options.MaximumReceiveMessageSize = ChatLimits.MaxFrameBytes;
        }).AddMessagePackProtocol(ContractMessagePack.Configure); // the JSON protocol's field names over MessagePack too
        UseContractErrors(services);
        return services;
    }

    /// <summary>
    /// Wraps every registered hub protocol (JSON and MessagePack) in <see cref="ContractErrorHubProtocol"/>, so
    /// errors read as the contract words them and frames of unknown type never stall a connection, whichever protocol it speaks.
    /// </summary>
    private static void UseContractErrors(IServiceCollection services)
    {
        var protocols = services.Where(d => d.ServiceType == typeof(IHubProtocol) && d.ImplementationType is not null).ToList();
        foreach (var protocol in protocols)
        {
            var implementation = protocol.ImplementationType!;
            services.Remove(protocol);
            services.AddSingleton<IHubProtocol>(sp =>
                new ContractErrorHubProtocol((IHubProtocol)ActivatorUtilities.CreateInstance(sp, implementation)));
        }
    }

    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<ChatHub>(HubRoutes.Chat, options =>
        {
            options.CloseOnAuthenticationExpiration = true;
            options.Transports = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling;
        }).RequireCors(CorsPolicies.Clients);
        return endpoints;
    }
}
