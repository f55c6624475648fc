namespace RealtimeHub.Contracts.Documents;

/// <summary>
/// One stored Yjs v1 update of a document. <see cref="Sequence"/> is per document and <see cref="Epoch"/>, starts at 1
/// and has no gaps; (docId, epoch, sequence) never names two different updates. <see cref="UserId"/> is the pusher's
/// token subject, or for a push through the server API the caller: <c>key:{key name}</c> or <c>token:{subject}</c>.
/// </summary>
public sealed record DocumentUpdate(string DocId, string Epoch, long Sequence, byte[] Update, string UserId);
