using Microsoft.Extensions.Options;
using RealtimeHub.Contracts.Documents;
using RealtimeHub.Server.History;

namespace RealtimeHub.Server.Documents;

/// <summary>Embedded mode: every document's log and snapshot in process memory.</summary>
public sealed class InMemoryDocumentStore(IOptionsMonitor<DocsOptions> options, TimeProvider time) : IDocumentStore
{
    private readonly Dictionary<string, InMemoryDocument> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _deletedEpochs = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();
    private long _lastSweep;

    /// <summary>
    /// As in Redis (<see cref="History.RedisSequencedLogScripts"/>): a document nobody wrote to is forgotten a day after it
    /// was made, so opening made-up names does not grow the process for good.
    /// </summary>
    public static readonly TimeSpan UnwrittenLifetime = TimeSpan.FromDays(1);

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    public Task<DocumentLog?> OpenAsync(string docId, string? knownEpoch, long knownSequence, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (IsDeleted(docId, knownEpoch))
            {
                return Task.FromResult<DocumentLog?>(null);
            }

            var document = Document(docId);
            var tailOnly = knownEpoch == document.Epoch && knownSequence >= document.SnapshotSequence;
            return Task.FromResult<DocumentLog?>(tailOnly
                ? new DocumentLog(docId, document.Epoch, null, document.SnapshotSequence, document.UpdatesAfter(knownSequence), document.LastSequence)
                : WholeState(docId, document));
        }
    }

    public Task<DocumentLog?> GetAsync(string docId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult(_documents.TryGetValue(docId, out var document) ? WholeState(docId, document) : null);
        }
    }

    public Task<AppendedUpdate?> AppendAsync(UpdateDraft draft, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (IsDeleted(draft.DocId, draft.KnownEpoch))
            {
                return Task.FromResult<AppendedUpdate?>(null);
            }

            var document = Document(draft.DocId);
            var key = draft.ClientUpdateId is null ? null : $"{draft.UserId}\n{draft.ClientUpdateId}";
            if (key is not null && document.ClientIds.TryGetValue(key, out var original))
            {
                return Task.FromResult<AppendedUpdate?>(new AppendedUpdate(new DocumentAck(document.Epoch, original), false, null, false));
            }

            var update = new DocumentUpdate(draft.DocId, document.Epoch, ++document.LastSequence, draft.Update, draft.UserId);
            document.Updates.Add(update);
            if (key is not null)
            {
                Remember(document, key, update.Sequence);
            }

            var snapshotDue = draft.MayRequestSnapshot && SnapshotDue(document);
            return Task.FromResult<AppendedUpdate?>(new AppendedUpdate(new DocumentAck(document.Epoch, update.Sequence), true, update, snapshotDue));
        }
    }

    public Task<CompactionBasis?> ReadForCompactionAsync(string docId, long upToSequence, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (!_documents.TryGetValue(docId, out var document) || upToSequence <= document.SnapshotSequence || upToSequence > document.LastSequence)
            {
                return Task.FromResult<CompactionBasis?>(null);
            }

            var replaced = document.Updates.Take((int)(upToSequence - document.SnapshotSequence)).Select(u => u.Update).ToList();
            return Task.FromResult<CompactionBasis?>(new CompactionBasis(document.Epoch, document.SnapshotSequence, document.Snapshot, replaced));
        }
    }

    public Task<bool> ReplaceSnapshotAsync(string docId, CompactionBasis basis, long upToSequence, byte[] snapshot, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (!_documents.TryGetValue(docId, out var document) || document.Epoch != basis.Epoch
                || document.SnapshotSequence != basis.SnapshotSequence || upToSequence > document.LastSequence)
            {
                return Task.FromResult(false);
            }

            document.Updates.RemoveRange(0, (int)(upToSequence - document.SnapshotSequence));
            document.Snapshot = snapshot;
            document.SnapshotSequence = upToSequence;
            document.SnapshotRequestedAt = null;
            return Task.FromResult(true);
        }
    }

    // Stored and broadcast in one process: nothing can die in between without taking the log with it.
    public void ConfirmBroadcast(DocumentUpdate update)
    {
    }

    public Task<IReadOnlyList<DocumentUpdate>> ClaimUnbroadcastAsync(string docId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DocumentUpdate>>([]);

    public Task DeleteAsync(string docId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (_documents.Remove(docId, out var document))
            {
                var epochs = _deletedEpochs.TryGetValue(docId, out var known) ? known : _deletedEpochs[docId] = new(StringComparer.Ordinal);
                epochs.Add(document.Epoch);
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> WasDeletedAsync(string docId, string epoch, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult(IsDeleted(docId, epoch));
        }
    }

    private bool IsDeleted(string docId, string? epoch) =>
        epoch is not null && _deletedEpochs.TryGetValue(docId, out var epochs) && epochs.Contains(epoch);

    private InMemoryDocument Document(string docId)
    {
        if (_documents.TryGetValue(docId, out var existing))
        {
            return existing;
        }

        ForgetUnwritten();
        return _documents[docId] = new InMemoryDocument(Epochs.New(time), time.GetTimestamp());
    }

    /// <summary>At most once a <see cref="SweepInterval"/>, as documents are made: drops those unwritten for <see cref="UnwrittenLifetime"/>.</summary>
    private void ForgetUnwritten()
    {
        var now = time.GetTimestamp();
        if (_lastSweep != 0 && time.GetElapsedTime(_lastSweep, now) < SweepInterval)
        {
            return;
        }

        _lastSweep = now;
        foreach (var (docId, document) in _documents)
        {
            if (document.IsUnwritten && time.GetElapsedTime(document.CreatedAt, now) >= UnwrittenLifetime)
            {
                _documents.Remove(docId); // allowed while enumerating a Dictionary
            }
        }
    }

    private static DocumentLog WholeState(string docId, InMemoryDocument document) =>
        new(docId, document.Epoch, document.Snapshot, document.SnapshotSequence, [.. document.Updates], document.LastSequence);

    /// <summary>Keeps the newest <see cref="DocsOptions.ClientUpdateIdsKept"/> client ids, compacted updates' included.</summary>
    private void Remember(InMemoryDocument document, string key, long sequence)
    {
        document.ClientIds[key] = sequence;
        document.ClientIdOrder.Enqueue(key);
        while (document.ClientIdOrder.Count > options.CurrentValue.ClientUpdateIdsKept)
        {
            document.ClientIds.Remove(document.ClientIdOrder.Dequeue());
        }
    }

    /// <summary>Past <see cref="DocsOptions.CompactAfter"/> updates since the snapshot, one push per <see cref="DocsOptions.SnapshotRequestInterval"/> asks its writer.</summary>
    private bool SnapshotDue(InMemoryDocument document)
    {
        var settings = options.CurrentValue;
        if (document.LastSequence - document.SnapshotSequence <= settings.CompactAfter
            || (document.SnapshotRequestedAt is { } asked && time.GetElapsedTime(asked) < settings.SnapshotRequestInterval))
        {
            return false;
        }

        document.SnapshotRequestedAt = time.GetTimestamp();
        return true;
    }
}
