using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace RealtimeHub.Server.Scaleout.Internal;

/// <summary>
/// Invocations of client methods that return a result (<c>InvokeConnectionAsync</c>), keyed by invocation id, for both
/// lifetime managers: the node that asked waits on a typed task; the node holding the connection (when that is another
/// node) keeps a proxy that forwards the raw result. However a call ends, it ends as in SignalR's own managers, to the
/// exception type and message: code written against SignalR catches and matches on them.
/// </summary>
internal sealed class ClientResults
{
    /// <summary>SignalR's words for a cancelled call, which fails with a <see cref="HubException"/>.</summary>
    public const string CanceledError = "Invocation canceled by the server.";

    /// <summary>SignalR's words, from the node holding the connection, for a client that left before answering.</summary>
    public const string DisconnectedError = "Connection disconnected.";

    private readonly ConcurrentDictionary<string, PendingInvocation> _pending = new(StringComparer.Ordinal);
    private readonly string _idPrefix = Guid.NewGuid().ToString("N")[..8];
    private long _lastId;

    /// <summary>A new invocation id, unique across nodes (each process has its own prefix).</summary>
    public string NextId() => $"{_idPrefix}{Interlocked.Increment(ref _lastId)}";

    /// <summary>
    /// Waits for the result of <paramref name="invocationId"/>: the client's value; its error, or the cancellation of
    /// <paramref name="cancellationToken"/> (<see cref="CanceledError"/>), as a <see cref="HubException"/>; or an
    /// <see cref="IOException"/> naming the connection when it leaves this node first (<see cref="Disconnect"/>).
    /// </summary>
    public Task<T> Add<T>(string connectionId, string invocationId, CancellationToken cancellationToken)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[invocationId] = new PendingInvocation(
            connectionId,
            typeof(T),
            completion => SetResult(result, completion),
            () => result.TrySetException(new IOException($"Connection '{connectionId}' disconnected.")));

        if (cancellationToken.CanBeCanceled)
        {
            // Registered once the invocation is pending, so a token cancelled already ends it here and now.
            var registration = cancellationToken.Register(() => Cancel(invocationId));
            result.Task.ContinueWith(static (_, state) => ((CancellationTokenRegistration)state!).Dispose(), registration, TaskScheduler.Default);
        }

        return result.Task;
    }

    /// <summary>
    /// Invokes a method on a connection of this node and waits for its result. The connection aborting fails the call
    /// at once, even before this node's manager hears of the disconnect. A cancellation is not passed on to the client:
    /// SignalR's managers send none, and the .NET client closes its connection on one; a late answer is dropped.
    /// </summary>
    public async Task<T> InvokeLocalAsync<T>(HubConnectionContext connection, string methodName, object?[] args, CancellationToken cancellationToken)
    {
        var invocationId = NextId();
        var result = Add<T>(connection.ConnectionId, invocationId, cancellationToken);
        using var aborted = connection.ConnectionAborted.Register(() => Disconnect(invocationId));
        try
        {
            await connection.WriteAsync(new InvocationMessage(invocationId, methodName, args), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Remove(invocationId);
            throw;
        }

        return await result.ConfigureAwait(false);
    }

    /// <summary>
    /// Registers a proxy: the result is handed on as it came (<see cref="RawResult"/>), not deserialized here, and a
    /// disconnect as an error completion in SignalR's words (<see cref="DisconnectedError"/>).
    /// </summary>
    public void AddProxy(string connectionId, string invocationId, Action<CompletionMessage> forward) =>
        _pending[invocationId] = new PendingInvocation(
            connectionId, typeof(RawResult), forward, () => forward(CompletionMessage.WithError(invocationId, DisconnectedError)));

    /// <summary>Ends an invocation with the client's completion; false when the id is unknown (cancelled, or never ours).</summary>
    /// <exception cref="InvalidOperationException">The completion came from another connection than the one invoked; the invocation still waits.</exception>
    public bool TryComplete(string connectionId, CompletionMessage completion)
    {
        if (completion.InvocationId is not { } id || !_pending.TryGetValue(id, out var pending))
        {
            return false;
        }

        if (!string.Equals(pending.ConnectionId, connectionId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Connection ID '{connectionId}' is not valid for invocation ID '{id}'.");
        }

        if (_pending.TryRemove(id, out _))
        {
            pending.Complete(completion);
        }

        return true;
    }

    public void Remove(string invocationId) => _pending.TryRemove(invocationId, out _);

    public bool TryGetType(string invocationId, [NotNullWhen(true)] out Type? type)
    {
        type = _pending.TryGetValue(invocationId, out var pending) ? pending.ResultType : null;
        return type is not null;
    }

    /// <summary>Ends one invocation because its connection went away (nothing when it has ended already).</summary>
    public void Disconnect(string invocationId)
    {
        if (_pending.TryRemove(invocationId, out var pending))
        {
            pending.Disconnected();
        }
    }

    /// <summary>Ends every invocation still waiting on a connection that has gone.</summary>
    public void FailConnection(string connectionId)
    {
        foreach (var (id, pending) in _pending)
        {
            if (string.Equals(pending.ConnectionId, connectionId, StringComparison.Ordinal) && _pending.TryRemove(id, out _))
            {
                pending.Disconnected();
            }
        }
    }

    private void Cancel(string invocationId)
    {
        if (_pending.TryRemove(invocationId, out var pending))
        {
            pending.Complete(CompletionMessage.WithError(invocationId, CanceledError));
        }
    }

    private static void SetResult<T>(TaskCompletionSource<T> result, CompletionMessage completion)
    {
        if (completion.Error is { } error)
        {
            result.TrySetException(new HubException(error));
        }
        else if (completion.Result is T value)
        {
            result.TrySetResult(value);
        }
        else if (completion.Result is null && default(T) is null)
        {
            result.TrySetResult(default!);
        }
        else
        {
            result.TrySetException(new InvalidOperationException(
                $"The client returned {completion.Result?.GetType().Name ?? "null"} where {typeof(T).Name} was expected."));
        }
    }
}
