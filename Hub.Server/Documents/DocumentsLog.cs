namespace RealtimeHub.Server.Documents;

internal static partial class DocumentsLog
{
    [LoggerMessage(1, LogLevel.Debug, "Connection {ConnectionId} opened document {DocId} (epoch {Epoch}, {Updates} updates sent, snapshot {WithSnapshot}).")]
    public static partial void Opened(ILogger logger, string connectionId, string docId, string epoch, int updates, bool withSnapshot);

    [LoggerMessage(2, LogLevel.Debug, "Connection {ConnectionId} left document {DocId}.")]
    public static partial void Left(ILogger logger, string connectionId, string docId);

    [LoggerMessage(3, LogLevel.Warning, "Update {Sequence} of document {DocId} is stored but its broadcast failed; it will be broadcast again.")]
    public static partial void BroadcastFailed(ILogger logger, string docId, long sequence, Exception exception);

    [LoggerMessage(4, LogLevel.Information, "Broadcasting update {Sequence} of document {DocId}: it was stored but never confirmed broadcast.")]
    public static partial void Rebroadcasting(ILogger logger, string docId, long sequence);

    [LoggerMessage(5, LogLevel.Debug, "Asked connection {ConnectionId} for a snapshot of document {DocId} up to {UpToSequence}.")]
    public static partial void SnapshotRequested(ILogger logger, string connectionId, string docId, long upToSequence);

    [LoggerMessage(6, LogLevel.Information, "Document {DocId} compacted up to {UpToSequence} ({Replaced} updates replaced by a {Bytes}-byte snapshot from user {UserId}).")]
    public static partial void Compacted(ILogger logger, string docId, long upToSequence, int replaced, int bytes, string userId);

    [LoggerMessage(7, LogLevel.Information, "A snapshot of document {DocId} up to {UpToSequence} from user {UserId} was refused: {Reason}.")]
    public static partial void SnapshotRefused(ILogger logger, string docId, long upToSequence, string userId, string reason);

    [LoggerMessage(8, LogLevel.Warning, "Could not remove the awareness states of connection {ConnectionId} in document {DocId}.")]
    public static partial void AwarenessRemovalFailed(ILogger logger, string connectionId, string docId, Exception exception);

    [LoggerMessage(9, LogLevel.Information, "Connection {ConnectionId} of user {UserId} was removed from document {DocId}: it is no longer a member, or the document was deleted.")]
    public static partial void Removed(ILogger logger, string connectionId, string userId, string docId);

    [LoggerMessage(10, LogLevel.Information, "Removed {Removals} awareness states that node {DeadNode} left in {Documents} documents.")]
    public static partial void DeadNodeAwarenessRemoved(ILogger logger, string deadNode, int removals, int documents);

    [LoggerMessage(11, LogLevel.Information, "Document {DocId} was deleted by {Caller}.")]
    public static partial void Deleted(ILogger logger, string docId, string caller);

    [LoggerMessage(12, LogLevel.Error, "A stored part of document {DocId} is not a valid Yjs update ({Validation}); its compaction is refused.")]
    public static partial void StoredUpdateInvalid(ILogger logger, string docId, string validation);
}
