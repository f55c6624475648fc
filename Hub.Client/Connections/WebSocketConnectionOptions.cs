using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;

namespace RealtimeHub.Client.Connections;

/// <summary>Options for <see cref="WebSocketConnectionFactory"/>.</summary>
public sealed class WebSocketConnectionOptions
{
    /// <summary>
    /// Supplies the bearer token. Invoked afresh on every connect (so on every automatic reconnect too),
    /// which is how an expired token gets replaced. Default: <c>null</c> (no token is sent).
    /// </summary>
    public Func<Task<string?>>? AccessTokenProvider { get; set; }

    /// <summary>
    /// Connect the WebSocket directly, without <c>POST {hub}/negotiate</c>. Only works when the server
    /// accepts connections without a connection token. Default: <c>false</c>.
    /// </summary>
    public bool SkipNegotiation { get; set; }

    /// <summary>
    /// Also put the token in the <c>access_token</c> query string of the WebSocket URL, for proxies that
    /// drop the <c>Authorization</c> header on upgrade. The header is always sent. Default: <c>false</c>.
    /// </summary>
    public bool SendAccessTokenInQueryString { get; set; }

    /// <summary>Extra headers sent with the negotiate request and the WebSocket upgrade. Default: empty.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The frame type used for the hub protocol: <see cref="TransferFormat.Text"/> for JSON,
    /// <see cref="TransferFormat.Binary"/> for MessagePack. Default: <see cref="TransferFormat.Text"/>.
    /// </summary>
    public TransferFormat TransferFormat { get; set; } = TransferFormat.Text;

    /// <summary>
    /// How long a clean close waits for the server's close frame before the socket is aborted.
    /// Default: 5 seconds.
    /// </summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of the negotiate request. Default: 30 seconds.</summary>
    public TimeSpan NegotiateTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Last-chance hook to adjust each <see cref="ClientWebSocketOptions"/> (proxy, certificates, keep-alive). Default: <c>null</c>.</summary>
    public Action<ClientWebSocketOptions>? ConfigureWebSocket { get; set; }
}
