using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RealtimeHub.Server.Redis.Internal;

namespace RealtimeHub.Server.Redis;

/// <summary>
/// The multiplexed command connection: any number of concurrent callers share one socket, their commands are
/// pipelined (queued commands coalesce into few socket writes) and replies are matched first-in first-out.
/// Reconnects by itself; while disconnected every command fails at once with <see cref="RedisConnectionException"/>.
/// Commands are sent in the order <c>ExecuteAsync</c> was called. Blocking commands (BLPOP …) would stall every
/// caller and must not be used here.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly RedisConnectionSupervisor _supervisor;
    private readonly ConcurrentDictionary<string, RedisScript> _scripts = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    public RedisConnection(RedisConnectionSettings settings, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RedisConnection>();
        _supervisor = new RedisConnectionSupervisor(settings, "command", _logger, onConnecting: LoadScriptsAsync);
    }

    /// <summary>Raised (on a pool thread) each time the connection is (re-)established.</summary>
    public event Action? Connected
    {
        add => _supervisor.Connected += value;
        remove => _supervisor.Connected -= value;
    }

    /// <summary>Raised (on a pool thread) with the reason each time an established connection is lost.</summary>
    public event Action<Exception>? Disconnected
    {
        add => _supervisor.Disconnected += value;
        remove => _supervisor.Disconnected -= value;
    }

    public RedisConnectionSettings Settings { get; }

    public bool IsConnected => _supervisor.IsConnected;

    internal RedisTransport? Transport => _supervisor.Current;

    /// <summary>Creates a connection and waits for the first connect attempt; throws <see cref="RedisConnectionException"/> if it fails.</summary>
    public static async Task<RedisConnection> ConnectAsync(RedisConnectionSettings settings, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        var connection = new RedisConnection(settings, loggerFactory);
        await FirstConnect.RunAsync(connection._supervisor, connection, cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Starts connecting in the background (idempotent). Commands fail fast until <see cref="IsConnected"/>.</summary>
    public void Start() => _supervisor.Start();

    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken = default) => _supervisor.WaitUntilConnectedAsync(cancellationToken);

    /// <summary>Completes once the first connect attempt after <see cref="Start"/> succeeded or failed.</summary>
    internal Task FirstAttempt => _supervisor.FirstAttempt;

    /// <summary>
    /// Sends <c>command args…</c> and returns the reply. The arguments are encoded before this returns, so pooled
    /// buffers passed in may be reused at once.
    /// </summary>
    /// <exception cref="RedisServerException">Redis answered with an error.</exception>
    /// <exception cref="RedisConnectionException">Not connected, or the connection dropped before the reply.</exception>
    /// <exception cref="TimeoutException">No reply within <see cref="RedisConnectionSettings.CommandTimeout"/>.</exception>
    public Task<RedisReply> ExecuteAsync(string command, params ReadOnlySpan<RedisValue> args) => ExecuteAsync(command, args, CancellationToken.None);

    /// <inheritdoc cref="ExecuteAsync(string, ReadOnlySpan{RedisValue})"/>
    public Task<RedisReply> ExecuteAsync(string command, ReadOnlySpan<RedisValue> args, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<RedisReply>(cancellationToken);
        }

        var transport = _supervisor.Current;
        if (transport is null)
        {
            return Task.FromException<RedisReply>(
                new RedisConnectionException($"Redis command {command} failed: not connected to Redis at {Settings.EndPoint} (reconnecting in the background)."));
        }

        return AwaitReplyAsync(transport.Send(command, args), cancellationToken);
    }

    /// <summary>Runs a Lua script with <c>EVALSHA</c>, falling back to <c>EVAL</c> on <c>NOSCRIPT</c>.</summary>
    public Task<RedisReply> EvaluateAsync(RedisScript script, ReadOnlySpan<RedisValue> keys, ReadOnlySpan<RedisValue> args = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        var arguments = new RedisValue[2 + keys.Length + args.Length];
        arguments[0] = script.Sha1;
        arguments[1] = keys.Length;
        keys.CopyTo(arguments.AsSpan(2));
        args.CopyTo(arguments.AsSpan(2 + keys.Length));
        _scripts.TryAdd(script.Sha1, script);
        return EvaluateCoreAsync(script, arguments, cancellationToken);
    }

    /// <summary>Publishes a message; returns how many subscribers (on any node) received it.</summary>
    public async Task<long> PublishAsync(string channel, RedisValue message, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync("PUBLISH", [channel, message], cancellationToken).ConfigureAwait(false)).AsInt64();

    public ValueTask DisposeAsync() => _supervisor.DisposeAsync();

    private async Task<RedisReply> EvaluateCoreAsync(RedisScript script, RedisValue[] arguments, CancellationToken cancellationToken)
    {
        try
        {
            // Sent synchronously, before the first await: callers rely on commands going out in call order.
            return await ExecuteAsync("EVALSHA", arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.ErrorCode == "NOSCRIPT")
        {
            RedisLog.ScriptNotCached(_logger, script.Sha1);
            arguments[0] = script.Source;
            return await ExecuteAsync("EVAL", arguments, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<RedisReply> AwaitReplyAsync(RedisCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return await command.Task.WaitAsync(Settings.CommandTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!command.Task.IsCompleted)
        {
            // Cancelled, not faulted: nothing observes this task any more, and the writer skips it if still queued.
            command.TrySetCanceled(CancellationToken.None);
            throw new TimeoutException(
                $"Redis command {command.Name} got no reply from {Settings.EndPoint} within {Settings.CommandTimeout.TotalMilliseconds} ms.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            command.TrySetCanceled(cancellationToken);
            throw;
        }
    }

    // Scripts this connection has run are loaded on every (re)connect, so EVALSHA after a Redis restart does not
    // need the EVAL round trip; a server that refuses SCRIPT LOAD just keeps the fallback.
    private async Task LoadScriptsAsync(RedisTransport transport, CancellationToken cancellationToken)
    {
        var loads = _scripts.Values.Select(script => transport.Send("SCRIPT", ["LOAD", script.Source]).Task).ToArray();
        try
        {
            await Task.WhenAll(loads).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RedisServerException)
        {
        }
    }
}
