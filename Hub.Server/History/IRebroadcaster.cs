namespace RealtimeHub.Server.History;

/// <summary>
/// One kind of sequenced log whose entries are broadcast after they are stored (rooms' messages, documents' updates),
/// as <see cref="UnbroadcastSweeper"/> sees it: where this node has members, and how to broadcast again what a node
/// stored but never confirmed broadcast.
/// </summary>
public interface IRebroadcaster
{
    /// <summary>The kind's word in logs: <c>room</c>, <c>doc</c>.</summary>
    string Kind { get; }

    /// <summary>The logs at least one of this node's connections is in. Local state: no I/O.</summary>
    IReadOnlyList<string> LocalLogs();

    /// <summary>Takes a lease on the log's entries unconfirmed past the grace and broadcasts them; returns how many.</summary>
    Task<int> RebroadcastAsync(string log, CancellationToken cancellationToken);
}
