using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RealtimeHub.Client.Connections.Internal;

namespace RealtimeHub.Client.Connections;

/// <summary>
/// Opens SignalR connections over <see cref="ClientWebSocket"/>: negotiate (unless skipped), then a WebSocket
/// to the hub URL. The token provider is asked afresh on every <see cref="ConnectAsync"/>, so each automatic
/// reconnect of a HubConnection presents a current token.
/// </summary>
public sealed class WebSocketConnectionFactory : IConnectionFactory, IDisposable
{
    private readonly WebSocketConnectionOptions _options;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly Negotiator _negotiator;

    public WebSocketConnectionFactory(IOptions<WebSocketConnectionOptions> options, ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _logger = loggerFactory.CreateLogger<WebSocketConnectionFactory>();
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each request carries its own timeout
        };
        _negotiator = new Negotiator(_http, _options, _logger);
    }

    /// <summary>Connects to the hub at <paramref name="endpoint"/>, which must be a <see cref="UriEndPoint"/>.</summary>
    /// <exception cref="HttpRequestException">Negotiate or the upgrade was refused; <see cref="HttpRequestException.StatusCode"/> says why (401 for a bad token).</exception>
    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var hubUrl = endpoint is UriEndPoint uriEndPoint
            ? uriEndPoint.Uri
            : throw new NotSupportedException($"{nameof(WebSocketConnectionFactory)} needs a {nameof(UriEndPoint)}, not {endpoint.GetType().Name}.");

        var accessToken = _options.AccessTokenProvider is null ? null : await _options.AccessTokenProvider().ConfigureAwait(false);

        string? connectionKey = null;
        var connectionId = Guid.NewGuid().ToString("N");
        if (!_options.SkipNegotiation)
        {
            var negotiation = await _negotiator.NegotiateAsync(hubUrl, accessToken, cancellationToken).ConfigureAwait(false);
            connectionKey = negotiation.ConnectionKey;
            connectionId = negotiation.ConnectionId ?? connectionId;
        }

        var url = UrlBuilder.WebSocket(hubUrl, connectionKey, _options.SendAccessTokenInQueryString ? accessToken : null);
        var socket = await OpenSocketAsync(url, accessToken, cancellationToken).ConfigureAwait(false);

        var connection = new WebSocketConnectionContext(socket, connectionId, _options.TransferFormat, _options.CloseTimeout, _logger);
        connection.Start();
        WebSocketConnectionLog.Connected(_logger, connectionId);
        return connection;
    }

    public void Dispose() => _http.Dispose();

    private async Task<ClientWebSocket> OpenSocketAsync(Uri url, string? accessToken, CancellationToken cancellationToken)
    {
        var redacted = UrlBuilder.Redact(url);
        WebSocketConnectionLog.Connecting(_logger, redacted);

        var socket = new ClientWebSocket();
        try
        {
            socket.Options.CollectHttpResponseDetails = true;
            foreach (var (name, value) in _options.Headers)
            {
                socket.Options.SetRequestHeader(name, value);
            }

            if (!string.IsNullOrEmpty(accessToken))
            {
                socket.Options.SetRequestHeader("Authorization", $"Bearer {accessToken}");
            }

            _options.ConfigureWebSocket?.Invoke(socket.Options);
            await socket.ConnectAsync(url, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch (WebSocketException ex)
        {
            WebSocketConnectionLog.ConnectFailed(_logger, redacted, ex);
            var statusCode = socket.HttpStatusCode;
            socket.Dispose();
            throw UpgradeFailed(redacted, ex, statusCode);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Gives a refused upgrade the same shape as a refused negotiate: an HttpRequestException with the status.</summary>
    private static Exception UpgradeFailed(string url, WebSocketException error, HttpStatusCode statusCode) =>
        statusCode == 0
            ? new WebSocketException(error.WebSocketErrorCode, $"Could not open a WebSocket to '{url}': {error.Message}", error)
            : new HttpRequestException($"The WebSocket upgrade at '{url}' was refused: {(int)statusCode} {statusCode}.", error, statusCode);
}
