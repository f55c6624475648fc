using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace RealtimeHub.Client.Connections.Internal;

internal static partial class WebSocketConnectionLog
{
    [LoggerMessage(1, LogLevel.Debug, "Negotiating with {NegotiateUrl}.")]
    public static partial void Negotiating(ILogger logger, Uri negotiateUrl);

    [LoggerMessage(2, LogLevel.Debug, "Negotiated connection {ConnectionId} (negotiate version {NegotiateVersion}).")]
    public static partial void Negotiated(ILogger logger, string connectionId, int negotiateVersion);

    [LoggerMessage(3, LogLevel.Debug, "Opening WebSocket to {Url}.")]
    public static partial void Connecting(ILogger logger, string url);

    [LoggerMessage(4, LogLevel.Information, "WebSocket connection {ConnectionId} open.")]
    public static partial void Connected(ILogger logger, string connectionId);

    [LoggerMessage(5, LogLevel.Information, "Server closed WebSocket connection {ConnectionId}: {CloseStatus} {CloseDescription}.")]
    public static partial void ServerClosed(ILogger logger, string connectionId, WebSocketCloseStatus? closeStatus, string? closeDescription);

    [LoggerMessage(6, LogLevel.Warning, "Receiving on WebSocket connection {ConnectionId} failed.")]
    public static partial void ReceiveFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "Sending on WebSocket connection {ConnectionId} failed.")]
    public static partial void SendFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(8, LogLevel.Debug, "Closing WebSocket connection {ConnectionId}.")]
    public static partial void Closing(ILogger logger, string connectionId);

    [LoggerMessage(9, LogLevel.Debug, "WebSocket connection {ConnectionId} did not close within {CloseTimeout}; aborting it.")]
    public static partial void CloseTimedOut(ILogger logger, string connectionId, TimeSpan closeTimeout);

    [LoggerMessage(10, LogLevel.Debug, "WebSocket connection {ConnectionId} disposed.")]
    public static partial void Disposed(ILogger logger, string connectionId);

    [LoggerMessage(11, LogLevel.Debug, "Connect attempt to {Url} failed.")]
    public static partial void ConnectFailed(ILogger logger, string url, Exception exception);
}
