using RealtimeHub.Contracts;

namespace RealtimeHub.Server.History;

/// <summary>
/// Per-room message history with gapless sequences within an epoch (a new epoch whenever the history was lost), shared by every node of a cluster (Redis) or local to one
/// process (memory). Also remembers private messages by client id so a retried send is not delivered twice.
/// </summary>
public interface IMessageStore
{
    /// <summary>
    /// Assigns the room's next sequence and stores the message, atomically. If the same sender already stored a
    /// message in this room with the same non-null <see cref="MessageDraft.ClientMessageId"/>, returns that
    /// original with <see cref="Stored{T}.Created"/> false and stores nothing.
    /// </summary>
    Task<Stored<ChatMessage>> AppendAsync(MessageDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Messages with sequence greater than <paramref name="afterSequence"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ChatMessage>> GetAfterAsync(string room, long afterSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>The room's current epoch and last sequence, and its newest <paramref name="count"/> messages, oldest first.</summary>
    Task<HistoryHead> GetHeadAsync(string room, int count, CancellationToken cancellationToken = default);

    /// <summary>
    /// Says that <paramref name="message"/>, returned by <see cref="AppendAsync"/> with <see cref="Stored{T}.MustBroadcast"/>,
    /// was broadcast. Until then a stored message counts as possibly never broadcast (its node may die in between).
    /// </summary>
    void ConfirmBroadcast(ChatMessage message);

    /// <summary>
    /// Takes a lease on the room's messages that stayed unconfirmed for longer than <see cref="Chat.ChatOptions.RebroadcastAfter"/>,
    /// so that one caller at a time broadcasts each; until it confirms, the message is offered again after that time.
    /// Empty where a node cannot die between storing and broadcasting (memory).
    /// </summary>
    Task<IReadOnlyList<ChatMessage>> ClaimUnbroadcastAsync(string room, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a private message for de-duplication. When the sender already sent one with the same non-null
    /// client id, returns that original with <see cref="Stored{T}.Created"/> false.
    /// </summary>
    Task<Stored<PrivateMessage>> RecordPrivateAsync(PrivateMessage message, CancellationToken cancellationToken = default);
}
