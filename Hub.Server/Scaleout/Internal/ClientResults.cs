using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace RealtimeHub.Server.Scaleout.Internal;

/// <summary>
/// Invocations of client methods that return a result (<c>InvokeConnectionAsync</c>), keyed by invocation id, for both
/// lifetime managers: the node that asked waits on a typed task; the node holding the connection (when that is another
/// node) keeps a proxy that forwards the raw result.
/// </summary>
internal sealed class ClientResults
{
    private readonly ConcurrentDictionary<string, PendingInvocation> _pending = new(StringComparer.Ordinal);
    private readonly string _idPrefix = Guid.NewGuid().ToString("N")[..8];
    private long _lastId;

    /// <summary>A new invocation id, unique across nodes (each process has its own prefix).</summary>
    public string NextId() => $"{_idPrefix}{Interlocked.Increment(ref _lastId)}";

    /// <summary>Waits for the result of <paramref name="invocationId"/>: the client's value, its error as a <see cref="HubException"/>, or cancellation.</summary>
    public Task<T> Add<T>(string connectionId, string invocationId, CancellationToken cancellationToken)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[invocationId] = new PendingInvocation(connectionId, typeof(T), completion =>
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
        });

        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() =>
            {
                if (_pending.TryRemove(invocationId, out _))
                {
                    result.TrySetCanceled(cancellationToken);
                }
            });
            result.Task.ContinueWith(static (_, state) => ((CancellationTokenRegistration)state!).Dispose(), registration, TaskScheduler.Default);
        }

        return result.Task;
    }

    /// <summary>
    /// Invokes a method on a connection of this node and waits for its result. Cancelling stops the wait and tells the
    /// client (a <see cref="CancelInvocationMessage"/>), as SignalR's own lifetime manager does.
    /// </summary>
    public async Task<T> InvokeLocalAsync<T>(HubConnectionContext connection, string methodName, object?[] args, CancellationToken cancellationToken)
    {
        var invocationId = NextId();
        var result = Add<T>(connection.ConnectionId, invocationId, cancellationToken);
        try
        {
            await connection.WriteAsync(new InvocationMessage(invocationId, methodName, args), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Remove(invocationId);
            throw;
        }

        try
        {
            return await result.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _ = connection.WriteAsync(new CancelInvocationMessage(invocationId), CancellationToken.None).AsTask();
            throw;
        }
    }

    /// <summary>Registers a proxy: the result is handed on as it came (<see cref="RawResult"/>), not deserialized here.</summary>
    public void AddProxy(string connectionId, string invocationId, Action<CompletionMessage> forward) =>
        _pending[invocationId] = new PendingInvocation(connectionId, typeof(RawResult), forward);

    /// <summary>Ends an invocation with the client's completion; false when the id is unknown (cancelled, or never ours).</summary>
    /// <exception cref="InvalidOperationException">The completion came from another connection than the one invoked.</exception>
    public bool TryComplete(string connectionId, CompletionMessage completion)
    {
        if (completion.InvocationId is not { } id || !_pending.TryGetValue(id, out var pending))
        {
            return false;
        }

        if (!string.Equals(pending.ConnectionId, connectionId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Connection '{connectionId}' may not complete invocation '{id}'.");
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

    /// <summary>Fails every invocation still waiting on a connection that has gone.</summary>
    public void FailConnection(string connectionId)
    {
        foreach (var (id, pending) in _pending)
        {
            if (string.Equals(pending.ConnectionId, connectionId, StringComparison.Ordinal) && _pending.TryRemove(id, out _))
            {
                pending.Complete(CompletionMessage.WithError(id, $"Connection '{connectionId}' disconnected."));
            }
        }
    }
}
