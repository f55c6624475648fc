using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RealtimeHub.Client.Connections;

namespace RealtimeHub.Client.Internal;

/// <summary>Builds the <see cref="HubConnection"/> under a <see cref="ChatClient"/>: our WebSocket transport, JSON, automatic reconnect.</summary>
internal static class ChatHubConnection
{
    public static HubConnection Build(
        ChatClientOptions options, ILoggerFactory loggerFactory, Action<RetryContext, TimeSpan> onRetry, Func<CancellationToken> lifetime)
    {
        var builder = new HubConnectionBuilder()
            .WithWebSocketTransport(options.HubUrl, transport =>
            {
                // Asked on every connect and reconnect attempt, so an expired token is replaced.
                transport.AccessTokenProvider = async () => await options.AccessTokenProvider(lifetime()).ConfigureAwait(false);
                options.ConfigureTransport?.Invoke(transport);
            })
            .AddJsonProtocol()
            .WithAutomaticReconnect(new ReportingRetryPolicy(options.RetryPolicy, onRetry));
        builder.Services.AddSingleton(loggerFactory);
        options.ConfigureConnection?.Invoke(builder);
        return builder.Build();
    }
}
