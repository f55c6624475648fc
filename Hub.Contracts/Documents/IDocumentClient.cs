namespace RealtimeHub.Contracts.Documents;

/// <summary>Events the document hub raises on its clients.</summary>
public interface IDocumentClient
{
    /// <summary>Another connection's update was stored; raised on every other connection in the document, on every node.</summary>
    Task DocumentUpdated(string docId, DocumentUpdate update);

    /// <summary>A y-protocols awareness update from another connection, or the server's removal of a departed one's states.</summary>
    Task AwarenessChanged(string docId, byte[] update);

    /// <summary>
    /// This writer is asked to compact the document: once it holds every update up to <paramref name="upToSequence"/>,
    /// it may send <c>SubmitSnapshot(docId, Y.encodeStateAsUpdate(doc), the sequence it holds)</c>.
    /// </summary>
    Task SnapshotRequested(string docId, long upToSequence);

    /// <summary>This connection was taken out of the document: its grant was revoked, or the document was deleted.</summary>
    Task RemovedFromDocument(string docId);
}
