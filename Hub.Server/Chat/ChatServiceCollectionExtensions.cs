using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.Connections;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Authentication;
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
        services.AddSingleton<IPresenceNotifier, HubPresenceNotifier>();
        services.AddSingleton<RateLimitingHubFilter>();
        services.AddSignalR(options =>
        {
            options.MaximumReceiveMessageSize = ChatLimits.MaxFrameBytes; // larger frames close the connection
            options.AddFilter<RateLimitingHubFilter>();
        });
        UseContractErrors(services);
        return services;
    }

    /// <summary>Replaces the JSON protocol with one whose errors read as the contract words them.</summary>
    private static void UseContractErrors(IServiceCollection services)
    {
        var json = services.FirstOrDefault(d => d.ServiceType == typeof(IHubProtocol) && d.ImplementationType == typeof(JsonHubProtocol));
        if (json is not null)
        {
            services.Remove(json);
        }

        services.AddSingleton<IHubProtocol>(sp => new ContractErrorHubProtocol(
            new JsonHubProtocol(sp.GetRequiredService<IOptions<JsonHubProtocolOptions>>())));
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
