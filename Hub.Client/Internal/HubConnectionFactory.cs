using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RealtimeHub.Contracts;

namespace RealtimeHub.Client.Internal;

/// <summary>
/// Builds the <see cref="HubConnection"/> of a <see cref="ClientSession"/> (under every client of this library): <c>WithUrl</c>
/// on <see cref="ChatClientOptions.HubUrl"/>, the chosen transports and protocol, automatic reconnect on the retry policy.
/// </summary>
internal static class HubConnectionFactory
{
    public static HubConnection Build(
        ChatClientOptions options, ILoggerFactory loggerFactory, Action<RetryContext, TimeSpan> onRetry, Func<CancellationToken> lifetime)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(options.HubUrl, http =>
            {
                http.Transports = options.Transports;
                // Asked on every connect and reconnect attempt (each negotiates afresh), so an expired token is replaced.
                http.AccessTokenProvider = async () => await options.AccessTokenProvider(lifetime()).ConfigureAwait(false);
                options.ConfigureHttpConnection?.Invoke(http);
            })
            .WithAutomaticReconnect(new ReportingRetryPolicy(options.RetryPolicy, onRetry));
        if (options.Protocol == ChatProtocol.MessagePack)
        {
            builder.AddMessagePackProtocol(ContractMessagePack.Configure); // replaces the default JSON protocol; same field names
        }

        builder.Services.AddSingleton(loggerFactory);
        options.ConfigureConnection?.Invoke(builder);
        return builder.Build();
    }
}
