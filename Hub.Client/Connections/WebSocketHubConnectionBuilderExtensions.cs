using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RealtimeHub.Client.Connections;

/// <summary>Plugs <see cref="WebSocketConnectionFactory"/> into a <see cref="IHubConnectionBuilder"/>.</summary>
public static class WebSocketHubConnectionBuilderExtensions
{
    /// <summary>
    /// Connects to <paramref name="hubUrl"/> (http(s) or ws(s)) over WebSockets. HubConnectionBuilder.Build
    /// resolves an <see cref="IConnectionFactory"/> and an <see cref="EndPoint"/> from its services; this registers both.
    /// </summary>
    public static IHubConnectionBuilder WithWebSocketTransport(
        this IHubConnectionBuilder builder,
        Uri hubUrl,
        Action<WebSocketConnectionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(hubUrl);

        builder.Services.AddOptions<WebSocketConnectionOptions>();
        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }

        builder.Services.Replace(ServiceDescriptor.Singleton<EndPoint>(new UriEndPoint(hubUrl)));
        builder.Services.Replace(ServiceDescriptor.Singleton<IConnectionFactory, WebSocketConnectionFactory>());
        return builder;
    }
}
