using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace RealtimeHub.Tests.Infrastructure;

/// <summary>
/// A WebSocket speaking the SignalR JSON protocol by hand, for feeding the server frames no real client would send.
/// </summary>
public sealed class RawHubSocket : IAsyncDisposable
{
    public const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly StringBuilder _pending = new();
    private HttpMessageInvoker? _invoker;

    private RawHubSocket()
    {
    }

    public WebSocketState State => _socket.State;

    /// <summary>
    /// Connects without negotiating (the server allows it for WebSockets); optionally completes the handshake.
    /// <paramref name="hubPath"/> picks another hub than the chat hub; <paramref name="socketReceiveBuffer"/> fixes the
    /// socket's kernel receive buffer (no autotuning), so a client that stops reading pushes back on the server sooner.
    /// </summary>
    public static async Task<RawHubSocket> ConnectAsync(HubNode node, string userId, bool handshake = true, string? hubPath = null, int? socketReceiveBuffer = null)
    {
        var raw = new RawHubSocket();
        var hub = hubPath is null ? node.HubUri : new Uri(node.BaseUri, hubPath.TrimStart('/'));
        var uri = new UriBuilder(hub) { Scheme = "ws", Query = $"access_token={TestAuth.CreateToken(userId)}" }.Uri;
        using var timeout = new CancellationTokenSource(TestTimeouts.Event);
        if (socketReceiveBuffer is { } size)
        {
            raw._invoker = new HttpMessageInvoker(new SocketsHttpHandler { ConnectCallback = (context, token) => ConnectSmallAsync(context, size, token) });
            await raw._socket.ConnectAsync(uri, raw._invoker, timeout.Token);
        }
        else
        {
            await raw._socket.ConnectAsync(uri, timeout.Token);
        }

        if (handshake)
        {
            await raw.SendTextAsync("""{"protocol":"json","version":1}""" + RecordSeparator);
            var reply = await raw.ReceiveRecordAsync();
            if (reply != "{}")
            {
                throw new InvalidOperationException($"Handshake failed: {reply}");
            }
        }

        return raw;
    }

    private static async ValueTask<Stream> ConnectSmallAsync(SocketsHttpConnectionContext context, int receiveBuffer, CancellationToken cancellationToken)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { ReceiveBufferSize = receiveBuffer };
        await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
        return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
    }

    public Task SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task SendAsync(byte[] payload, WebSocketMessageType type)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Event);
        await _socket.SendAsync(payload, type, endOfMessage: true, timeout.Token);
    }

    /// <summary>Sends an invocation expecting a completion, and returns the completion's JSON.</summary>
    public async Task<JsonElement> InvokeAsync(string invocationId, string target, string argumentsJson)
    {
        await SendTextAsync($$"""{"type":1,"invocationId":"{{invocationId}}","target":"{{target}}","arguments":{{argumentsJson}}}""" + RecordSeparator);
        while (true)
        {
            var record = await ReceiveRecordAsync() ?? throw new InvalidOperationException("The server closed the connection.");
            var message = JsonDocument.Parse(record).RootElement;
            if (message.GetProperty("type").GetInt32() == 3 && message.GetProperty("invocationId").GetString() == invocationId)
            {
                return message;
            }
        }
    }

    /// <summary>The next record, skipping pings; null once the server has closed the socket.</summary>
    public async Task<string?> ReceiveRecordAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Event);
        while (true)
        {
            var text = _pending.ToString();
            var end = text.IndexOf(RecordSeparator);
            if (end >= 0)
            {
                _pending.Remove(0, end + 1);
                var record = text[..end];
                if (record.Contains("\"type\":6", StringComparison.Ordinal))
                {
                    continue; // ping
                }

                return record;
            }

            WebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(_buffer, timeout.Token);
            }
            catch (WebSocketException)
            {
                return null;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            _pending.Append(Encoding.UTF8.GetString(_buffer, 0, result.Count));
        }
    }

    /// <summary>Reads until the server closes the connection; returns the close message's error, if it sent one.</summary>
    public async Task<string?> WaitForCloseAsync()
    {
        string? error = null;
        while (await ReceiveRecordAsync() is { } record)
        {
            using var message = JsonDocument.Parse(record);
            if (message.RootElement.TryGetProperty("type", out var type) && type.GetInt32() == 7)
            {
                error = message.RootElement.TryGetProperty("error", out var e) ? e.GetString() : string.Empty;
            }
        }

        return error;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception)
            {
                // best effort: the test is over
            }
        }

        _socket.Dispose();
        _invoker?.Dispose();
    }
}
