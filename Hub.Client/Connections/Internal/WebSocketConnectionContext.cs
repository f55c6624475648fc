using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace RealtimeHub.Client.Connections.Internal;

/// <summary>
/// A <see cref="ConnectionContext"/> over an open <see cref="WebSocket"/>. Two pumps move bytes:
/// socket → <c>_received</c> pipe (read by HubConnection through <see cref="Transport"/>) and
/// <c>_toSend</c> pipe (written by HubConnection) → socket. Only the send pump ever sends, close frames
/// included, because a WebSocket allows one sender at a time.
/// </summary>
internal sealed class WebSocketConnectionContext : ConnectionContext, ITransferFormatFeature
{
    private const int MinimumReceiveBuffer = 4096;

    private readonly WebSocket _socket;
    private readonly WebSocketMessageType _messageType;
    private readonly TimeSpan _closeTimeout;
    private readonly ILogger _logger;
    private readonly Pipe _received = new(new PipeOptions(useSynchronizationContext: false));
    private readonly Pipe _toSend = new(new PipeOptions(useSynchronizationContext: false));
    private readonly CancellationTokenSource _closed = new();
    private Task _pumps = Task.CompletedTask;
    private int _disposed;

    public WebSocketConnectionContext(WebSocket socket, string connectionId, TransferFormat format, TimeSpan closeTimeout, ILogger logger)
    {
        _socket = socket;
        _messageType = format == TransferFormat.Binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text;
        _closeTimeout = closeTimeout;
        _logger = logger;
        ConnectionId = connectionId;
        ActiveFormat = format;
        Transport = new DuplexPipe(_received.Reader, _toSend.Writer);
        Features.Set<ITransferFormatFeature>(this);
        ConnectionClosed = _closed.Token;
    }

    public override string ConnectionId { get; set; }

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override IDuplexPipe Transport { get; set; }

    public TransferFormat SupportedFormats => TransferFormat.Text | TransferFormat.Binary;

    public TransferFormat ActiveFormat { get; set; }

    public void Start()
    {
        var receiving = Task.Run(ReceiveLoopAsync);
        var sending = Task.Run(SendLoopAsync);
        _pumps = Task.WhenAll(receiving, sending);
    }

    public override void Abort(ConnectionAbortedException abortReason) => _socket.Abort();

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        WebSocketConnectionLog.Closing(_logger, ConnectionId);

        // Completing our writer makes the send pump send a close frame; the receive pump then ends on the reply.
        _toSend.Writer.Complete();
        try
        {
            await _pumps.WaitAsync(_closeTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            WebSocketConnectionLog.CloseTimedOut(_logger, ConnectionId, _closeTimeout);

            // Completing the reader also releases a receive pump stuck on back-pressure.
            _received.Reader.Complete();
            _socket.Abort();
            await _pumps.ConfigureAwait(false);
        }

        _received.Reader.Complete();
        _socket.Dispose();
        _closed.Dispose();
        WebSocketConnectionLog.Disposed(_logger, ConnectionId);
    }

    private async Task ReceiveLoopAsync()
    {
        Exception? error = null;
        try
        {
            while (true)
            {
                var memory = _received.Writer.GetMemory(MinimumReceiveBuffer);
                var result = await _socket.ReceiveAsync(memory, CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    WebSocketConnectionLog.ServerClosed(_logger, ConnectionId, _socket.CloseStatus, _socket.CloseStatusDescription);
                    if (_socket.CloseStatus != WebSocketCloseStatus.NormalClosure)
                    {
                        error = new WebSocketException(
                            WebSocketError.ConnectionClosedPrematurely,
                            $"The server closed the WebSocket with status {_socket.CloseStatus}: {_socket.CloseStatusDescription}");
                    }

                    break;
                }

                _received.Writer.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    var flush = await _received.Writer.FlushAsync().ConfigureAwait(false);
                    if (flush.IsCompleted)
                    {
                        break;
                    }
                }
            }
        }
        catch (Exception ex)
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                WebSocketConnectionLog.ReceiveFailed(_logger, ConnectionId, ex);
            }

            error = ex;
        }
        finally
        {
            // This is what HubConnection watches: a completed input means the connection is gone (and it may reconnect).
            await _received.Writer.CompleteAsync(error).ConfigureAwait(false);
            _toSend.Reader.CancelPendingRead();
            await _closed.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task SendLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _toSend.Reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    if (result.IsCanceled)
                    {
                        break;
                    }

                    if (!buffer.IsEmpty)
                    {
                        await SendAsync(buffer).ConfigureAwait(false);
                    }

                    if (result.IsCompleted)
                    {
                        break;
                    }
                }
                finally
                {
                    _toSend.Reader.AdvanceTo(buffer.End);
                }
            }

            await CloseOutputAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                WebSocketConnectionLog.SendFailed(_logger, ConnectionId, ex);
            }

            // A broken socket must also end the receive pump, so HubConnection learns about it.
            _socket.Abort();
        }
        finally
        {
            await _toSend.Reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task SendAsync(ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsSingleSegment)
        {
            await _socket.SendAsync(buffer.First, _messageType, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        // Segments of one buffer go out as fragments of one message, so a UTF-8 character may span them.
        var position = buffer.Start;
        buffer.TryGet(ref position, out var segment);
        while (buffer.TryGet(ref position, out var next))
        {
            await _socket.SendAsync(segment, _messageType, endOfMessage: false, CancellationToken.None).ConfigureAwait(false);
            segment = next;
        }

        await _socket.SendAsync(segment, _messageType, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task CloseOutputAsync()
    {
        // Open: we start the close handshake. CloseReceived: we answer the server's close frame.
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
