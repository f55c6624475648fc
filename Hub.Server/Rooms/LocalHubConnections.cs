using System.Security.Claims;
using RealtimeHub.Contracts;

namespace RealtimeHub.Server.Rooms;

/// <summary>
/// This node's hub connections (of every hub) and the access-checked hub calls each has in flight. Removing users from a
/// room or a document waits for those calls (<see cref="RemoveSettledAsync"/>), so a send that passed its check before a
/// revoke is stored before the revoke returns, and one that starts after it is refused: never stored after.
/// </summary>
public sealed class LocalHubConnections
{
    private readonly Dictionary<string, Entry> _connections = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    public void Add(string connectionId, UserPresence user, ClaimsPrincipal principal)
    {
        lock (_sync)
        {
            _connections[connectionId] = new Entry(new LocalHubConnection(connectionId, user, principal));
        }
    }

    public void Remove(string connectionId)
    {
        Entry? entry;
        lock (_sync)
        {
            if (!_connections.Remove(connectionId, out entry))
            {
                return;
            }
        }

        entry.Idle?.TrySetResult();
    }

    /// <summary>This node's connections, or only those of <paramref name="userId"/>.</summary>
    public IReadOnlyList<LocalHubConnection> Snapshot(string? userId = null)
    {
        lock (_sync)
        {
            return [.. _connections.Values.Select(e => e.Connection).Where(c => userId is null || c.User.UserId == userId)];
        }
    }

    /// <summary>Marks an access-checked call in flight on the connection until the returned scope is disposed.</summary>
    public CallScope BeginCall(string connectionId)
    {
        lock (_sync)
        {
            if (_connections.TryGetValue(connectionId, out var entry))
            {
                entry.Busy++;
                return new CallScope(this, entry);
            }
        }

        return default;
    }

    /// <summary>
    /// Removes the user's connections here (every user's when null) that are no longer members, by <paramref name="remove"/>;
    /// then, since a call that passed its check before the change may still be storing or joining, waits for those calls
    /// so the change returns after them, and removes once more whoever such a call let in.
    /// </summary>
    public async Task RemoveSettledAsync(string? userId, Func<Task> remove, CancellationToken cancellationToken)
    {
        await remove().ConfigureAwait(false);
        await WaitIdleAsync(Snapshot(userId).Select(c => c.ConnectionId)).WaitAsync(cancellationToken).ConfigureAwait(false);
        await remove().ConfigureAwait(false);
    }

    /// <summary>Completes when none of these connections has an access-checked call in flight that began before this call.</summary>
    private Task WaitIdleAsync(IEnumerable<string> connectionIds)
    {
        var waits = new List<Task>();
        lock (_sync)
        {
            foreach (var id in connectionIds)
            {
                if (_connections.TryGetValue(id, out var entry) && entry.Busy > 0)
                {
                    entry.Idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    waits.Add(entry.Idle.Task);
                }
            }
        }

        return Task.WhenAll(waits);
    }

    private void EndCall(Entry entry)
    {
        TaskCompletionSource? idle = null;
        lock (_sync)
        {
            if (--entry.Busy == 0)
            {
                idle = entry.Idle;
                entry.Idle = null;
            }
        }

        idle?.TrySetResult();
    }

    private sealed class Entry(LocalHubConnection connection)
    {
        public LocalHubConnection Connection { get; } = connection;

        public int Busy { get; set; }

        public TaskCompletionSource? Idle { get; set; }
    }

    /// <summary>A call in flight; disposing it ends the call.</summary>
    public readonly struct CallScope : IDisposable
    {
        private readonly LocalHubConnections? _owner;
        private readonly Entry? _entry;

        internal CallScope(LocalHubConnections owner, object entry)
        {
            _owner = owner;
            _entry = (Entry)entry;
        }

        public void Dispose() => _owner?.EndCall(_entry!);
    }
}
