using RealtimeHub.Contracts.Documents;

namespace RealtimeHub.Server.Documents;

/// <summary>
/// A document's log as one read saw it: its epoch, the snapshot (null when the reader needs none, or there is none yet)
/// as of <see cref="SnapshotSequence"/>, the updates that follow what the reader asked from, and the last sequence.
/// </summary>
public sealed record DocumentLog(string DocId, string Epoch, byte[]? Snapshot, long SnapshotSequence, DocumentUpdate[] Updates, long LastSequence);
