using RealtimeHub.Server.History;

namespace RealtimeHub.Server.Documents;

/// <summary>Documents as <see cref="UnbroadcastSweeper"/> sweeps them: this node's documents, their unconfirmed updates relayed again.</summary>
public sealed class DocumentRebroadcaster(
    DocumentConnections connections, IDocumentStore store, DocumentService documents, ILogger<DocumentRebroadcaster> logger) : IRebroadcaster
{
    public string Kind => "doc";

    public IReadOnlyList<string> LocalLogs() => connections.Documents();

    public async Task<int> RebroadcastAsync(string log, CancellationToken cancellationToken)
    {
        var claimed = await store.ClaimUnbroadcastAsync(log, cancellationToken);
        foreach (var update in claimed)
        {
            DocumentsLog.Rebroadcasting(logger, log, update.Sequence);
            await documents.BroadcastAsync(update, except: null);
        }

        return claimed.Count;
    }
}
