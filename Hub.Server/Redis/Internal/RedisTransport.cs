using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading.Channels;

namespace RealtimeHub.Server.Redis.Internal;

/// <summary>
/// One physical connection: a writer loop that drains queued commands into the socket (everything queued while a
/// write is in progress goes out in the next single flush) and a reader loop that parses replies and hands each to
/// the oldest command still waiting. When either loop fails the connection is dead: every pending and queued
/// command fails at once and <see cref="Closed"/> completes. Reconnecting is the supervisor's business.
/// </summary>
internal sealed class RedisTransport
{
    // Flush early inside a long batch so one huge burst does not sit in memory.
    private const int FlushThreshold = 64 * 1024;

    private readonly Stream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<RedisCommand> _outgoing = Channel.CreateUnbounded<RedisCommand>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
    private readonly ConcurrentQueue<RedisCommand> _awaitingReply = new();
    private readonly CancellationTokenSource _aborted = new();
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<RedisReply, bool>? _tryHandlePush;
    private Exception? _closeReason;
    private long _flushes;
    private long _commandsWritten;

    private RedisTransport(Stream stream, string endPoint, Func<RedisReply, bool>? tryHandlePush)
    {
        _stream = stream;
        EndPoint = endPoint;
        _tryHandlePush = tryHandlePush;
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        _output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    public string EndPoint { get; }

    /// <summary>Completes with the reason once the connection is dead and every command on it has failed.</summary>
    public Task<Exception> Closed => _closed.Task;

    /// <summary>Cancelled as soon as the connection starts to die.</summary>
    public CancellationToken Aborted => _aborted.Token;

    /// <summary>Socket flushes so far; fewer than <see cref="CommandsWritten"/> means writes were coalesced.</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    public long CommandsWritten => Interlocked.Read(ref _commandsWritten);

    /// <summary>Opens TCP (and TLS), starts the loops, and authenticates. Fails with <see cref="RedisConnectionException"/>.</summary>
    /// <param name="tryHandlePush">Sees every reply first; returns true for out-of-band pushes (pub/sub messages) that answer no command.</param>
    public static async Task<RedisTransport> ConnectAsync(RedisConnectionSettings settings, Func<RedisReply, bool>? tryHandlePush, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ConnectTimeout);
        Stream stream;
        try
        {
            stream = await RedisStreamFactory.OpenAsync(settings, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RedisConnectionException($"Could not connect to Redis at {settings.EndPoint} within {settings.ConnectTimeout.TotalMilliseconds} ms.");
        }
        catch (Exception ex) when (ex is SocketException or IOException or AuthenticationException)
        {
            throw new RedisConnectionException($"Could not connect to Redis at {settings.EndPoint}: {ex.Message}", ex);
        }

        var transport = new RedisTransport(stream, settings.EndPoint, tryHandlePush);
        transport.Start();
        try
        {
            await transport.HandshakeAsync(settings, timeout.Token).ConfigureAwait(false);
            return transport;
        }
        catch (Exception ex)
        {
            var reason = ex switch
            {
                OperationCanceledException when !cancellationToken.IsCancellationRequested =>
                    new RedisConnectionException($"Redis at {settings.EndPoint} did not complete the handshake within {settings.ConnectTimeout.TotalMilliseconds} ms."),
                RedisServerException server => new RedisConnectionException($"Redis at {settings.EndPoint} refused the connection: {server.Message}", server),
                _ => ex,
            };
            transport.Abort(reason);
            await transport.Closed.ConfigureAwait(false);
            if (reason is OperationCanceledException)
            {
                throw;
            }

            throw reason as RedisConnectionException ?? new RedisConnectionException($"Could not connect to Redis at {settings.EndPoint}: {reason.Message}", reason);
        }
    }

    /// <summary>Queues a command. The returned command fails at once when the connection is dead.</summary>
    public RedisCommand Send(string command, ReadOnlySpan<RedisValue> args)
    {
        var pending = RedisCommand.Create(command, args);
        if (!_outgoing.Writer.TryWrite(pending))
        {
            pending.ReleasePayload();
            pending.TrySetException(Lost(pending));
        }

        return pending;
    }

    /// <summary>Kills the connection; the first reason wins. Safe to call from anywhere, any number of times.</summary>
    public void Abort(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is not null)
        {
            return;
        }

        _outgoing.Writer.TryComplete();
        _aborted.Cancel();
        _stream.Dispose();
        FailPending();
    }

    private async Task HandshakeAsync(RedisConnectionSettings settings, CancellationToken cancellationToken)
    {
        // Pipelined; awaited in order so a failed AUTH reports itself rather than the NOAUTH that follows it.
        var commands = new List<RedisCommand>(3);
        if (settings.Password is not null)
        {
            commands.Add(settings.User is null ? Send("AUTH", [settings.Password]) : Send("AUTH", [settings.User, settings.Password]));
        }

        if (settings.ClientName is not null)
        {
            commands.Add(Send("CLIENT", ["SETNAME", settings.ClientName]));
        }

        // Proves the server answers, and that it needs no password we lack (-NOAUTH).
        commands.Add(Send("PING", []));
        foreach (var command in commands)
        {
            await command.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Start() => _ = RunAsync();

    private async Task RunAsync()
    {
        await Task.WhenAll(Task.Run(ReadLoopAsync), Task.Run(WriteLoopAsync)).ConfigureAwait(false);
        await CompleteQuietly(_input.CompleteAsync()).ConfigureAwait(false);
        await CompleteQuietly(_output.CompleteAsync()).ConfigureAwait(false);
        FailPending();
        _closed.TrySetResult(_closeReason!);
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync(_aborted.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                _input.AdvanceTo(ParseReplies(buffer), buffer.End);
                if (result.IsCompleted)
                {
                    throw new RedisConnectionException($"Redis at {EndPoint} closed the connection.");
                }
            }
        }
        catch (Exception ex)
        {
            Abort(ex is OperationCanceledException or ObjectDisposedException ? new RedisConnectionException($"Connection to Redis at {EndPoint} closed.", ex) : ex);
        }
    }

    private SequencePosition ParseReplies(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (RespParser.TryRead(ref reader, out var reply))
        {
            if (_tryHandlePush?.Invoke(reply) == true)
            {
                continue;
            }

            if (!_awaitingReply.TryDequeue(out var command))
            {
                throw new RedisProtocolException($"Redis at {EndPoint} sent a reply no command was waiting for.");
            }

            command.Complete(reply);
        }

        return reader.Position;
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            var queue = _outgoing.Reader;
            while (await queue.WaitToReadAsync(_aborted.Token).ConfigureAwait(false))
            {
                var unflushed = 0;
                while (queue.TryRead(out var command))
                {
                    if (command.Task.IsCompleted)
                    {
                        // Timed out or cancelled before it went out: nothing will wait for its reply.
                        command.ReleasePayload();
                        continue;
                    }

                    _awaitingReply.Enqueue(command);
                    _output.Write(command.Payload);
                    unflushed += command.Payload.Length;
                    command.ReleasePayload();
                    Interlocked.Increment(ref _commandsWritten);
                    if (unflushed >= FlushThreshold)
                    {
                        await FlushAsync().ConfigureAwait(false);
                        unflushed = 0;
                    }
                }

                if (unflushed > 0)
                {
                    await FlushAsync().ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex)
        {
            Abort(ex is OperationCanceledException or ObjectDisposedException ? new RedisConnectionException($"Connection to Redis at {EndPoint} closed.", ex) : ex);
        }
    }

    private async ValueTask FlushAsync()
    {
        var result = await _output.FlushAsync(_aborted.Token).ConfigureAwait(false);
        Interlocked.Increment(ref _flushes);
        if (result.IsCompleted || result.IsCanceled)
        {
            throw new RedisConnectionException($"Connection to Redis at {EndPoint} closed.");
        }
    }

    private void FailPending()
    {
        while (_awaitingReply.TryDequeue(out var command))
        {
            command.TrySetException(Lost(command));
        }

        while (_outgoing.Reader.TryRead(out var command))
        {
            command.ReleasePayload();
            command.TrySetException(Lost(command));
        }
    }

    private RedisConnectionException Lost(RedisCommand command)
    {
        var reason = _closeReason;
        return new RedisConnectionException(
            $"Redis command {command.Name} failed: the connection to {EndPoint} was lost ({reason?.Message ?? "closed"}).", reason);
    }

    private static async Task CompleteQuietly(ValueTask completion)
    {
        try
        {
            await completion.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The stream is already gone; there is nothing left to flush.
        }
    }
}
