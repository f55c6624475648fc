namespace RealtimeHub.Contracts.Documents;

/// <summary>Methods a client invokes on the hub at <see cref="HubRoutes.Documents"/>, by these exact names.</summary>
public interface IDocumentHub
{
    /// <summary>
    /// Joins the document. First open: <c>(docId, null, 0)</c>. When <paramref name="knownEpoch"/> is the document's epoch
    /// and <paramref name="knownSequence"/> is at least its snapshot's sequence, only the updates after it come back.
    /// </summary>
    Task<DocumentState> OpenDocument(string docId, string? knownEpoch, long knownSequence);

    /// <summary>
    /// Stores a Yjs v1 update at the document's next sequence and relays it to every other connection in the document.
    /// The same user, document and <paramref name="clientUpdateId"/> again returns the original ack and stores nothing.
    /// </summary>
    Task<DocumentAck> PushUpdate(string docId, byte[] update, string? clientUpdateId);

    /// <summary>Relays a y-protocols awareness update to the others in the document; never stored in the log.</summary>
    Task PushAwareness(string docId, byte[] update);

    /// <summary>
    /// Offers a Yjs update holding the document as of at least <paramref name="upToSequence"/>: it replaces the snapshot
    /// and every update up to that sequence only if it contains them all; otherwise false and nothing changes.
    /// </summary>
    Task<bool> SubmitSnapshot(string docId, byte[] snapshot, long upToSequence);

    /// <summary>Leaves the document; the others see this connection's awareness states removed.</summary>
    Task CloseDocument(string docId);
}
