using Microsoft.Extensions.Options;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Chat;

namespace RealtimeHub.Server.History;

/// <summary>Embedded mode: per-room history in process memory, capped at <see cref="ChatOptions.HistoryLength"/>.</summary>
public sealed class InMemoryMessageStore : IMessageStore
{
    private readonly Dictionary<string, InMemoryRoomHistory> _rooms = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Sender, string ClientId), (PrivateMessage Message, DateTime Expires)> _privates = [];
    private readonly Lock _sync = new();
    private readonly IOptionsMonitor<ChatOptions> _options;
    private readonly TimeProvider _time;

    public InMemoryMessageStore(IOptionsMonitor<ChatOptions> options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    public Task<Stored<ChatMessage>> AppendAsync(MessageDraft draft, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            var history = RoomHistory(draft.Room);
            var key = draft.ClientMessageId is null ? null : $"{draft.SenderId}\n{draft.ClientMessageId}";
            if (key is not null && history.ByClientId.TryGetValue(key, out var original))
            {
                return Task.FromResult(new Stored<ChatMessage>(original, false));
            }

            var message = new ChatMessage(
                Guid.NewGuid().ToString("N"), draft.Room, history.Epoch, ++history.LastSequence, draft.SenderId, draft.SenderName,
                draft.Text, _time.GetUtcNow().UtcDateTime, draft.ClientMessageId);
            history.Messages.Add(message);
            if (key is not null)
            {
                history.ByClientId[key] = message;
            }

            Trim(history, _options.CurrentValue.HistoryLength);
            return Task.FromResult(new Stored<ChatMessage>(message, true));
        }
    }

    public Task<IReadOnlyList<ChatMessage>> GetAfterAsync(string room, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (!_rooms.TryGetValue(room, out var history) || history.Messages.Count == 0)
            {
                return Task.FromResult<IReadOnlyList<ChatMessage>>([]);
            }

            // Sequences are gapless, so the index of a sequence is its offset from the oldest kept one.
            var first = history.Messages[0].Sequence;
            var start = (int)Math.Clamp(afterSequence + 1 - first, 0, history.Messages.Count);
            var count = Math.Min(limit, history.Messages.Count - start);
            return Task.FromResult<IReadOnlyList<ChatMessage>>(history.Messages.GetRange(start, count));
        }
    }

    public Task<HistoryHead> GetHeadAsync(string room, int count, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            // Reading creates the room's epoch, so a snapshot of an empty room already names the epoch its first message gets.
            var history = RoomHistory(room);
            var take = Math.Clamp(count, 0, history.Messages.Count);
            return Task.FromResult(new HistoryHead(history.Epoch, history.LastSequence, history.Messages.GetRange(history.Messages.Count - take, take)));
        }
    }

    // Stored and broadcast in one process: nothing can die in between without taking the history with it.
    public void ConfirmBroadcast(ChatMessage message)
    {
    }

    public Task<IReadOnlyList<ChatMessage>> ClaimUnbroadcastAsync(string room, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ChatMessage>>([]);

    public Task<Stored<PrivateMessage>> RecordPrivateAsync(PrivateMessage message, CancellationToken cancellationToken = default)
    {
        if (message.ClientMessageId is null)
        {
            return Task.FromResult(new Stored<PrivateMessage>(message, true));
        }

        var now = _time.GetUtcNow().UtcDateTime;
        lock (_sync)
        {
            var key = (message.FromUserId, message.ClientMessageId);
            if (_privates.TryGetValue(key, out var seen) && seen.Expires > now)
            {
                return Task.FromResult(new Stored<PrivateMessage>(seen.Message, false));
            }

            if (_privates.Count > 100_000)
            {
                ForgetExpiredPrivates(now);
            }

            _privates[key] = (message, now + _options.CurrentValue.PrivateMessageDeduplicationWindow);
            return Task.FromResult(new Stored<PrivateMessage>(message, true));
        }
    }

    private InMemoryRoomHistory RoomHistory(string room) =>
        _rooms.TryGetValue(room, out var existing) ? existing : _rooms[room] = new InMemoryRoomHistory(Epochs.New(_time));

    private static void Trim(InMemoryRoomHistory history, int maxLength)
    {
        var excess = history.Messages.Count - maxLength;
        if (excess <= 0)
        {
            return;
        }

        foreach (var dropped in history.Messages.Take(excess))
        {
            if (dropped.ClientMessageId is not null)
            {
                history.ByClientId.Remove($"{dropped.SenderId}\n{dropped.ClientMessageId}");
            }
        }

        history.Messages.RemoveRange(0, excess);
    }

    private void ForgetExpiredPrivates(DateTime now)
    {
        foreach (var key in _privates.Where(p => p.Value.Expires <= now).Select(p => p.Key).ToList())
        {
            _privates.Remove(key);
        }
    }
}
