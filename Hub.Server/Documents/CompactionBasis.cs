namespace RealtimeHub.Server.Documents;

/// <summary>
/// What a submitted snapshot must contain to replace the log up to a sequence: the current snapshot (null when there is
/// none) and every stored update after it up to that sequence. The replace happens only while the log still has this
/// epoch and snapshot sequence, so nothing it did not check is dropped.
/// </summary>
public sealed record CompactionBasis(string Epoch, long SnapshotSequence, byte[]? Snapshot, IReadOnlyList<byte[]> Updates);
