using RealtimeHub.Contracts.Live;

namespace RealtimeHub.Tests.Live;

/// <summary>One item of a watch as a test client received it, its values as JSON whichever protocol carried them, and when (<see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
public sealed record ReceivedBatch(FeedBatch Batch, long ReceivedAt)
{
    public bool Snapshot => Batch.Snapshot;

    public IReadOnlyList<FeedUpdate> Updates => Batch.Updates;

    public override string ToString() =>
        $"{(Snapshot ? "snapshot" : "batch")}[{string.Join(", ", Updates.Select(u => $"{u.Key}@{u.Version}={u.Value}"))}]";
}
