using RealtimeHub.Contracts.Documents;

namespace RealtimeHub.Server.Documents;

/// <summary>One document in <see cref="InMemoryDocumentStore"/>; guarded by the store's lock.</summary>
internal sealed class InMemoryDocument(string epoch, long createdAt)
{
    /// <summary>Fresh for every document this process creates: a restarted node starts new epochs.</summary>
    public string Epoch { get; } = epoch;

    /// <summary>When (a <see cref="TimeProvider"/> timestamp) this process made the document.</summary>
    public long CreatedAt { get; } = createdAt;

    /// <summary>Nothing was ever written to it: no update, no snapshot.</summary>
    public bool IsUnwritten => LastSequence == 0 && Snapshot is null;

    public long LastSequence { get; set; }

    public long SnapshotSequence { get; set; }

    public byte[]? Snapshot { get; set; }

    /// <summary>The updates after the snapshot, in sequence order (sequences are gapless).</summary>
    public List<DocumentUpdate> Updates { get; } = [];

    /// <summary>"{userId}\n{clientUpdateId}" → sequence, for idempotent retries; oldest first in <see cref="ClientIdOrder"/>.</summary>
    public Dictionary<string, long> ClientIds { get; } = new(StringComparer.Ordinal);

    public Queue<string> ClientIdOrder { get; } = new();

    /// <summary>When (a <see cref="TimeProvider"/> timestamp) a writer was last asked for a snapshot; null when no request is out.</summary>
    public long? SnapshotRequestedAt { get; set; }

    /// <summary>The updates with a sequence above <paramref name="after"/>.</summary>
    public DocumentUpdate[] UpdatesAfter(long after) =>
        [.. Updates.Skip((int)Math.Clamp(after - SnapshotSequence, 0, Updates.Count))];
}
