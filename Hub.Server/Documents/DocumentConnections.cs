namespace RealtimeHub.Server.Documents;

/// <summary>
/// Which documents this node's connections have open, the epoch each holds its document in, and the awareness client
/// ids each has announced there. Local state: no I/O. Who else is in a document is the hub group's business (the
/// backplane reaches every node), and who is shown there is awareness's; so nothing here is shared between nodes.
/// </summary>
public sealed class DocumentConnections
{
    private readonly Dictionary<string, Dictionary<string, OpenDocument>> _byConnection = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byDocument = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    /// <summary>Marks the document open on the connection; false when it would exceed <paramref name="max"/> open documents.</summary>
    public bool TryOpen(string connectionId, string docId, int max)
    {
        lock (_sync)
        {
            var open = _byConnection.TryGetValue(connectionId, out var existing) ? existing : _byConnection[connectionId] = new(StringComparer.Ordinal);
            if (open.ContainsKey(docId))
            {
                return true;
            }

            if (open.Count >= max)
            {
                return false;
            }

            open[docId] = new OpenDocument();
            (_byDocument.TryGetValue(docId, out var connections) ? connections : _byDocument[docId] = new(StringComparer.Ordinal)).Add(connectionId);
            return true;
        }
    }

    public bool IsOpen(string connectionId, string docId)
    {
        lock (_sync)
        {
            return Find(connectionId, docId) is not null;
        }
    }

    /// <summary>The epoch the connection holds the document in; null when it does not have it open (or is still opening it).</summary>
    public string? EpochOf(string connectionId, string docId)
    {
        lock (_sync)
        {
            return Find(connectionId, docId)?.Epoch;
        }
    }

    public void SetEpoch(string connectionId, string docId, string epoch)
    {
        lock (_sync)
        {
            Find(connectionId, docId)?.Epoch = epoch;
        }
    }

    /// <summary>
    /// Whether the connection may hold the client ids it holds now plus those <paramref name="entries"/> announce (less
    /// those they remove) without passing <paramref name="max"/>.
    /// </summary>
    public bool MayAnnounce(string connectionId, string docId, IEnumerable<AwarenessEntry> entries, int max)
    {
        lock (_sync)
        {
            var clients = new HashSet<ulong>(Find(connectionId, docId)?.AwarenessClients ?? []);
            foreach (var entry in entries)
            {
                _ = entry.IsRemoval ? clients.Remove(entry.ClientId) : clients.Add(entry.ClientId);
            }

            return clients.Count <= max;
        }
    }

    /// <summary>Notes the client ids the accepted entries announce or remove.</summary>
    public void Announced(string connectionId, string docId, IEnumerable<AwarenessEntry> accepted)
    {
        lock (_sync)
        {
            if (Find(connectionId, docId) is not { } open)
            {
                return;
            }

            foreach (var entry in accepted)
            {
                _ = entry.IsRemoval ? open.AwarenessClients.Remove(entry.ClientId) : open.AwarenessClients.Add(entry.ClientId);
            }
        }
    }

    /// <summary>Forgets the document on the connection; false when it was not open.</summary>
    public bool Close(string connectionId, string docId)
    {
        lock (_sync)
        {
            return CloseLocked(connectionId, docId);
        }
    }

    /// <summary>Forgets the connection; returns the documents it had open.</summary>
    public IReadOnlyList<string> CloseAll(string connectionId)
    {
        lock (_sync)
        {
            var docs = _byConnection.TryGetValue(connectionId, out var open) ? open.Keys.ToList() : [];
            foreach (var docId in docs)
            {
                CloseLocked(connectionId, docId);
            }

            return docs;
        }
    }

    /// <summary>The documents at least one of this node's connections has open.</summary>
    public IReadOnlyList<string> Documents()
    {
        lock (_sync)
        {
            return [.. _byDocument.Keys];
        }
    }

    private bool CloseLocked(string connectionId, string docId)
    {
        if (!_byConnection.TryGetValue(connectionId, out var open) || !open.Remove(docId))
        {
            return false;
        }

        if (open.Count == 0)
        {
            _byConnection.Remove(connectionId);
        }

        if (_byDocument.TryGetValue(docId, out var connections) && connections.Remove(connectionId) && connections.Count == 0)
        {
            _byDocument.Remove(docId);
        }

        return true;
    }

    private OpenDocument? Find(string connectionId, string docId) =>
        _byConnection.TryGetValue(connectionId, out var open) && open.TryGetValue(docId, out var document) ? document : null;

    private sealed class OpenDocument
    {
        public string? Epoch { get; set; }

        public HashSet<ulong> AwarenessClients { get; } = [];
    }
}
