using RealtimeHub.Contracts.Documents;

namespace RealtimeHub.Server.Documents;

/// <summary>
/// Every document's log of Yjs updates and its snapshot, with gapless sequences within an epoch (a new epoch whenever
/// the log was lost), shared by every node (Redis) or local to one process (memory); the hub never knows which.
/// </summary>
public interface IDocumentStore
{
    /// <summary>
    /// The document as <c>OpenDocument</c> returns it, creating its epoch on first use: only the updates after
    /// <paramref name="knownSequence"/> when <paramref name="knownEpoch"/> is its epoch and the sequence is at least the
    /// snapshot's, else the snapshot and every update after it. Null when <paramref name="knownEpoch"/> was deleted.
    /// </summary>
    Task<DocumentLog?> OpenAsync(string docId, string? knownEpoch, long knownSequence, CancellationToken cancellationToken = default);

    /// <summary>The whole state, or null when there is no such document (never opened or written, or deleted).</summary>
    Task<DocumentLog?> GetAsync(string docId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the update at the document's next sequence, atomically; the same user and clientUpdateId again returns the
    /// original's ack and stores nothing. Null when the draft's known epoch was deleted.
    /// </summary>
    Task<AppendedUpdate?> AppendAsync(UpdateDraft draft, CancellationToken cancellationToken = default);

    /// <summary>What a snapshot up to <paramref name="upToSequence"/> must contain; null when there is nothing to replace (it is not after the snapshot, or past the last sequence).</summary>
    Task<CompactionBasis?> ReadForCompactionAsync(string docId, long upToSequence, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes <paramref name="snapshot"/> the document's snapshot as of <paramref name="upToSequence"/> and drops the updates
    /// it replaces, atomically, only while the log is as <paramref name="basis"/> saw it; false, and nothing changed, otherwise.
    /// </summary>
    Task<bool> ReplaceSnapshotAsync(string docId, CompactionBasis basis, long upToSequence, byte[] snapshot, CancellationToken cancellationToken = default);

    /// <summary>Says a stored update was broadcast; until then it counts as possibly never broadcast (its node may die in between).</summary>
    void ConfirmBroadcast(DocumentUpdate update);

    /// <summary>A lease on the document's updates unconfirmed past the rebroadcast grace (empty in memory, where nothing dies in between).</summary>
    Task<IReadOnlyList<DocumentUpdate>> ClaimUnbroadcastAsync(string docId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the document, remembering its epoch as deleted so a holder of it cannot bring it back.</summary>
    Task DeleteAsync(string docId, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="epoch"/> of the document was deleted.</summary>
    Task<bool> WasDeletedAsync(string docId, string epoch, CancellationToken cancellationToken = default);
}
