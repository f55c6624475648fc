namespace RealtimeHub.Server.Documents;

/// <summary>
/// The current awareness states of each document (carets, selections, names), each with the connection that announced
/// it, shared by every node (Redis) or local to one process (memory). Never part of the document's log.
/// </summary>
public interface IAwarenessStore
{
    /// <summary>
    /// Records a connection's entries and returns those accepted, to be relayed: refused are a client id that another
    /// user's connection holds (no one takes over someone else's caret) and a clock older than the one recorded.
    /// A null state forgets the client.
    /// </summary>
    Task<IReadOnlyList<AwarenessEntry>> ApplyAsync(string docId, AwarenessOwner owner, IReadOnlyList<AwarenessEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>The current state of everyone in the document but <paramref name="connectionId"/>.</summary>
    Task<IReadOnlyList<AwarenessEntry>> GetOthersAsync(string docId, string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Forgets what the connection announced in the document and returns the removals to relay (a null state at the next clock).</summary>
    Task<IReadOnlyList<AwarenessEntry>> RemoveAsync(string docId, string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Forgets every state in the document (it was deleted).</summary>
    Task DeleteAsync(string docId, CancellationToken cancellationToken = default);
}
