using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using RealtimeHub.Client.Reconnection;
using RealtimeHub.Contracts;

namespace RealtimeHub.Client;

/// <summary>
/// Options for <see cref="ChatClient"/>, <see cref="Live.LiveClient"/> and <see cref="Games.GameClient"/>: where the hub
/// is, the token, transports, protocol and retry policy. The send and gap settings concern chat only; the others ignore them.
/// </summary>
public sealed class ChatClientOptions
{
    /// <summary>
    /// The hub, e.g. <c>http://localhost:5000/hubs/chat</c> for a <see cref="ChatClient"/>, <c>…/hubs/live</c> for a
    /// <see cref="Live.LiveClient"/>, <c>…/hubs/game</c> for a <see cref="Games.GameClient"/>. Required; see <see cref="ForServer"/>.
    /// </summary>
    public required Uri HubUrl { get; set; }

    /// <summary>
    /// Returns a valid access token. Called before every connect and reconnect attempt, so it must hand out a
    /// fresh token once the old one expires (see <see cref="DevTokenProvider"/>). Required.
    /// </summary>
    public required Func<CancellationToken, Task<string>> AccessTokenProvider { get; set; }

    /// <summary>When and how often to retry after the connection is lost. Default: <see cref="ExponentialBackoffRetryPolicy"/> with its defaults (never gives up).</summary>
    public IRetryPolicy RetryPolicy { get; set; } = new ExponentialBackoffRetryPolicy();

    /// <summary>How many sends may wait while reconnecting; beyond that a send throws. Default: 100.</summary>
    public int MaxQueuedSends { get; set; } = 100;

    /// <summary>How many times one send is put on the wire when the connection keeps dropping mid-call. Default: 5.</summary>
    public int MaxSendAttempts { get; set; } = 5;

    /// <summary>
    /// How long a gap in a room's live sequence may stay open (a later message arrived first) before the missing
    /// messages are fetched from history. Default: 1 second.
    /// </summary>
    public TimeSpan GapRepairDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The transports the client may use, tried in SignalR's order: WebSockets, then Server-Sent Events, then long
    /// polling, so a network that blocks WebSockets still gets through. Default: all three.
    /// </summary>
    public HttpTransportType Transports { get; set; } =
        HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling;

    /// <summary>The hub protocol. Default: <see cref="ChatProtocol.Json"/>.</summary>
    public ChatProtocol Protocol { get; set; } = ChatProtocol.Json;

    /// <summary>
    /// Adjusts the HTTP connection after <see cref="Transports"/> and the token provider are set: headers, proxy,
    /// <see cref="HttpConnectionOptions.SkipNegotiation"/> (WebSockets only), ... Default: <c>null</c>.
    /// </summary>
    public Action<HttpConnectionOptions>? ConfigureHttpConnection { get; set; }

    /// <summary>Adjusts the HubConnection before it is built (protocol options, timeouts, logging). Default: <c>null</c>.</summary>
    public Action<IHubConnectionBuilder>? ConfigureConnection { get; set; }

    /// <summary>Options for a hub of the server at <paramref name="serverUrl"/> (its base URL).</summary>
    /// <param name="hubRoute">The hub's route: <see cref="HubRoutes.Chat"/> (the default), <see cref="HubRoutes.Live"/> for a <see cref="Live.LiveClient"/>, <see cref="HubRoutes.Game"/> for a <see cref="Games.GameClient"/>.</param>
    public static ChatClientOptions ForServer(Uri serverUrl, Func<CancellationToken, Task<string>> accessTokenProvider, string hubRoute = HubRoutes.Chat) => new()
    {
        HubUrl = new Uri(serverUrl, hubRoute),
        AccessTokenProvider = accessTokenProvider,
    };
}
