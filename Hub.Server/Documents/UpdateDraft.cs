namespace RealtimeHub.Server.Documents;

/// <summary>
/// A validated update on its way into the log. <see cref="KnownEpoch"/> is the epoch the pusher holds the document in
/// (null through the API): a push into an epoch that was deleted is refused rather than starting the document again.
/// <see cref="MayRequestSnapshot"/>: the pusher is a writer connection that can be asked for a snapshot.
/// </summary>
public sealed record UpdateDraft(string DocId, string UserId, byte[] Update, string? ClientUpdateId, string? KnownEpoch, bool MayRequestSnapshot);
