namespace RealtimeHub.Server.Documents;

/// <summary>Embedded mode: awareness states in process memory; the process holds every connection there is.</summary>
public sealed class InMemoryAwarenessStore : IAwarenessStore
{
    private readonly Dictionary<string, Dictionary<ulong, (AwarenessOwner Owner, AwarenessEntry Entry)>> _documents = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    public Task<IReadOnlyList<AwarenessEntry>> ApplyAsync(string docId, AwarenessOwner owner, IReadOnlyList<AwarenessEntry> entries, CancellationToken cancellationToken = default)
    {
        var accepted = new List<AwarenessEntry>(entries.Count);
        lock (_sync)
        {
            var states = _documents.TryGetValue(docId, out var existing) ? existing : _documents[docId] = [];
            foreach (var entry in entries)
            {
                if (states.TryGetValue(entry.ClientId, out var current)
                    && (current.Owner.UserId != owner.UserId || (current.Owner == owner && entry.Clock < current.Entry.Clock)))
                {
                    continue;
                }

                if (entry.IsRemoval)
                {
                    states.Remove(entry.ClientId);
                }
                else
                {
                    states[entry.ClientId] = (owner, entry);
                }

                accepted.Add(entry);
            }

            Forget(docId, states);
        }

        return Task.FromResult<IReadOnlyList<AwarenessEntry>>(accepted);
    }

    public Task<IReadOnlyList<AwarenessEntry>> GetOthersAsync(string docId, string connectionId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<AwarenessEntry>>(_documents.TryGetValue(docId, out var states)
                ? [.. states.Values.Where(s => s.Owner.ConnectionId != connectionId).Select(s => s.Entry)]
                : []);
        }
    }

    public Task<IReadOnlyList<AwarenessEntry>> RemoveAsync(string docId, string connectionId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (!_documents.TryGetValue(docId, out var states))
            {
                return Task.FromResult<IReadOnlyList<AwarenessEntry>>([]);
            }

            var removed = states.Values.Where(s => s.Owner.ConnectionId == connectionId).Select(s => s.Entry).ToList();
            foreach (var entry in removed)
            {
                states.Remove(entry.ClientId);
            }

            Forget(docId, states);
            return Task.FromResult<IReadOnlyList<AwarenessEntry>>([.. removed.Select(entry => entry.Removal())]);
        }
    }

    public Task DeleteAsync(string docId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            _documents.Remove(docId);
        }

        return Task.CompletedTask;
    }

    private void Forget(string docId, Dictionary<ulong, (AwarenessOwner, AwarenessEntry)> states)
    {
        if (states.Count == 0)
        {
            _documents.Remove(docId);
        }
    }
}
