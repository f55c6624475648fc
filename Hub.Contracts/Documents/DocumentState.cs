namespace RealtimeHub.Contracts.Documents;

/// <summary>
/// What <see cref="IDocumentHub.OpenDocument"/> returns (and <c>GET /api/v1/documents/{docId}</c>). The whole state is
/// <see cref="Snapshot"/> (a Yjs update holding the document as of <see cref="SnapshotSequence"/>, or null when there is
/// none yet) followed by <see cref="Updates"/>, oldest first. When the caller already held the document's state up to a
/// sequence of this <see cref="Epoch"/> at or after the snapshot, <see cref="Snapshot"/> is null and
/// <see cref="Updates"/> holds only what came after it.
/// </summary>
/// <param name="LastSequence">The newest sequence of the document in <see cref="Epoch"/> (0 when nothing was pushed).</param>
/// <param name="CanWrite">Whether this caller may push updates and snapshots (its role is <c>write</c>, or the document is open).</param>
/// <param name="Awareness">One y-protocols awareness update holding the current state of everyone else in the document, or null.</param>
public sealed record DocumentState(
    string DocId,
    string Epoch,
    byte[]? Snapshot,
    long SnapshotSequence,
    DocumentUpdate[] Updates,
    long LastSequence,
    bool CanWrite,
    byte[]? Awareness);
