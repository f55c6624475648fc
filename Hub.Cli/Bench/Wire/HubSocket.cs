using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;

namespace RealtimeHub.Cli.Bench.Wire;

/// <summary>Receives one record (without its separator) of a hub connection.</summary>
internal delegate void RecordHandler(ReadOnlySpan<byte> record);

/// <summary>Receives the completion of one invocation: the record, and whether it carries an error.</summary>
internal delegate void CompletionHandler(ReadOnlySpan<byte> record, bool isError);

/// <summary>
/// A hub connection speaking the SignalR JSON protocol over a raw WebSocket: no negotiate (the token rides in the
/// query string), invocations fired without awaiting, completions and server invocations handed over as bytes.
/// This is what lets one generator core drive thousands of connections; the storm uses the real client instead.
/// </summary>
internal sealed class HubSocket : IAsyncDisposable
{
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(15);

    private readonly WebSocket _socket;
    private readonly CountingStream? _counter;
    private readonly RecordHandler? _onInvocation;
    private readonly RecordHandler? _onStreamItem;
    private readonly ConcurrentDictionary<long, CompletionHandler> _pending = new();
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _buffer = new byte[2048];
    private long _nextInvocationId;
    private long _lastSendTicks;
    private int _closed;
    private volatile TaskCompletionSource? _paused;

    private HubSocket(DialedWebSocket dialed, HubSocketOptions options)
    {
        _socket = dialed.Socket;
        _counter = dialed.Counter;
        LocalPort = dialed.LocalPort;
        _onInvocation = options.OnInvocation;
        _onStreamItem = options.OnStreamItem;
    }

    /// <summary>Why the connection ended (a close record's error, a socket error), or null while open.</summary>
    public string? CloseReason { get; private set; }

    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    /// <summary>Milliseconds (<see cref="Environment.TickCount64"/>) of the last send, for keep-alive pings.</summary>
    public long LastSendTicks => Volatile.Read(ref _lastSendTicks);

    /// <summary>Bytes read from the socket so far, frame headers included (0 unless <see cref="HubSocketOptions.CountBytes"/>).</summary>
    public long BytesRead => _counter?.BytesRead ?? 0;

    /// <summary>The connection's local TCP port (0 if unknown), to find it in <c>/proc/net/tcp</c>.</summary>
    public int LocalPort { get; }

    /// <summary>
    /// Connects to <c>{server}/hubs/chat</c> with the token in an Authorization header (as the .NET client sends it; a
    /// browser must put it in the query string, which the server then holds for the connection's life, about 1.1 KB)
    /// and completes the JSON handshake.
    /// </summary>
    public static Task<HubSocket> ConnectAsync(Uri server, string token, RecordHandler? onInvocation = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(server, token, new HubSocketOptions { OnInvocation = onInvocation }, cancellationToken);

    /// <summary>Connects to the hub at <see cref="HubSocketOptions.Path"/> as above, handing records over as the options say.</summary>
    public static async Task<HubSocket> ConnectAsync(Uri server, string token, HubSocketOptions options, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SetupTimeout);
        var uri = new UriBuilder(server) { Scheme = server.Scheme == Uri.UriSchemeHttps ? "wss" : "ws", Path = options.Path }.Uri;
        var dialed = await WebSocketDialer.DialAsync(uri, token, options.CountBytes, timeout.Token).ConfigureAwait(false);
        var hub = new HubSocket(dialed, options);
        _ = hub.ReceiveLoopAsync();
        hub.Send(HubFrames.Handshake);
        try
        {
            await hub._handshake.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            hub.Abort("handshake failed");
            throw;
        }

        return hub;
    }

    /// <summary>Fires an invocation; <paramref name="onCompletion"/> runs on a receive thread when (if) the completion arrives.</summary>
    public void Invoke(string target, CompletionHandler onCompletion, params ReadOnlySpan<string> arguments)
    {
        var id = Interlocked.Increment(ref _nextInvocationId);
        _pending[id] = onCompletion;
        Send(HubFrames.Invocation(id, target, arguments));
    }

    /// <summary>Invokes and waits for the completion; returns the raw JSON result, throws with the hub's error.</summary>
    public async Task<string> InvokeAsync(string target, params string[] arguments)
    {
        var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Invoke(target, (record, isError) =>
        {
            if (isError)
            {
                reply.TrySetException(new InvalidOperationException($"{target}: {HubFrames.ErrorText(record)}"));
            }
            else
            {
                reply.TrySetResult(Encoding.UTF8.GetString(HubFrames.Result(record)));
            }
        }, arguments);
        try
        {
            return await reply.Task.WaitAsync(SetupTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{target}: no completion within {SetupTimeout.TotalSeconds} s{(CloseReason is null ? "" : $" (closed: {CloseReason})")}.");
        }
    }

    /// <summary>
    /// Starts a server-to-client stream; its items go to <see cref="HubSocketOptions.OnStreamItem"/>, and
    /// <paramref name="onCompletion"/> runs when the stream ends (with an error, or cancelled by the server).
    /// </summary>
    public void Stream(string target, string argumentsJson, CompletionHandler onCompletion)
    {
        var id = Interlocked.Increment(ref _nextInvocationId);
        _pending[id] = onCompletion;
        Send(HubFrames.StreamInvocation(id, target, argumentsJson));
    }

    /// <summary>Stops reading the socket (the receive loop waits before its next read) until <see cref="Resume"/>.</summary>
    public void Pause() => Interlocked.CompareExchange(ref _paused, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);

    public void Resume() => Interlocked.Exchange(ref _paused, null)?.TrySetResult();

    public void SendPing() => Send(HubFrames.Ping);

    /// <summary>Sends without waiting; the WebSocket queues sends made while one is in flight.</summary>
    public void Send(byte[] frame)
    {
        Volatile.Write(ref _lastSendTicks, Environment.TickCount64);
        if (!IsOpen)
        {
            return;
        }

        ValueTask sending;
        try
        {
            sending = _socket.SendAsync(frame.AsMemory(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            Abort(ex.Message);
            return;
        }

        if (!sending.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(sending);
        }
    }

    public void Abort(string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            CloseReason ??= reason;
            _handshake.TrySetException(new WebSocketException($"Connection closed: {CloseReason}"));
            _socket.Abort();
        }
    }

    public ValueTask DisposeAsync()
    {
        Abort("closed by the generator");
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task ObserveAsync(ValueTask sending)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Abort(ex.Message);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var filled = 0;
        try
        {
            while (true)
            {
                if (_paused is { } paused)
                {
                    await paused.Task.ConfigureAwait(false);
                }

                var result = await _socket.ReceiveAsync(_buffer.AsMemory(filled), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Abort(CloseReason ?? "closed by the server");
                    return;
                }

                filled = Dispatch(filled + result.Count);
            }
        }
        catch (Exception ex)
        {
            Abort(ex.Message);
        }
    }

    /// <summary>Handles every complete record in the buffer; keeps the incomplete tail (records may span frames).</summary>
    private int Dispatch(int filled)
    {
        var start = 0;
        while (true)
        {
            var end = _buffer.AsSpan(start, filled - start).IndexOf(HubFrames.RecordSeparator);
            if (end < 0)
            {
                break;
            }

            Handle(_buffer.AsSpan(start, end));
            start += end + 1;
        }

        var rest = filled - start;
        if (start > 0 && rest > 0)
        {
            _buffer.AsSpan(start, rest).CopyTo(_buffer);
        }
        else if (rest == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        return rest;
    }

    private void Handle(ReadOnlySpan<byte> record)
    {
        switch (HubFrames.TypeOf(record))
        {
            case HubFrames.InvocationType:
                _onInvocation?.Invoke(record);
                break;
            case HubFrames.StreamItemType:
                _onStreamItem?.Invoke(record);
                break;
            case HubFrames.CompletionType:
                if (HubFrames.TryReadCompletion(record, out var id, out var isError) && _pending.TryRemove(id, out var handler))
                {
                    handler(record, isError);
                }

                break;
            case HubFrames.CloseType:
                CloseReason = $"the hub closed the connection: {HubFrames.ErrorText(record)}";
                break;
            case -1 when !_handshake.Task.IsCompleted:
                if (record.IndexOf("\"error\""u8) >= 0)
                {
                    _handshake.TrySetException(new WebSocketException($"Handshake refused: {HubFrames.ErrorText(record)}"));
                }
                else
                {
                    _handshake.TrySetResult();
                }

                break;
        }
    }
}
