using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Chat;
using RealtimeHub.Server.Redis;
using StackExchange.Redis;

namespace RealtimeHub.Server.History;

/// <summary>
/// History shared by every node through Redis. A room's keys share the hash tag <c>{room}</c>, so one script can
/// touch them all, on a single Redis or a cluster; all under <c>{ChannelPrefix}:room:{room}:</c>:
/// <list type="bullet">
/// <item><c>state</c> (hash): <c>epoch</c>, <c>seq</c> (the last sequence in it) and <c>cids</c> (present while client ids are kept).</item>
/// <item><c>messages</c> (sorted set): score = sequence, member = the message as camelCase JSON
/// (without room, epoch and sequence); trimmed to <see cref="ChatOptions.HistoryLength"/>.</item>
/// <item><c>client-ids</c> (sorted set): score = sequence, member = <c>{len(senderId)}:{senderId}:{clientMessageId}</c>;
/// trimmed with the messages, so a retry is recognised for as long as its original is in the history.</item>
/// <item><c>unbroadcast</c> (sorted set): score = Redis's time (ms) when stored or last leased, member = sequence,
/// until a broadcast is confirmed; what stays unconfirmed past <see cref="ChatOptions.RebroadcastAfter"/> is leased
/// to a surviving node or to the sender's retry.</item>
/// <item><c>private:{len(senderId)}:{senderId}:{clientMessageId}</c> (string, expires after
/// <see cref="ChatOptions.PrivateMessageDeduplicationWindow"/>): the first private message sent with that id.</item>
/// </list>
/// A room's history is a sequenced log (<see cref="RedisSequencedLogs"/>, shared with documents): every room script
/// first checks that these keys still belong together and starts a new epoch when they do not, so a lost history is
/// never continued with repeated sequences.
/// </summary>
public sealed class RedisMessageStore : IMessageStore, IDisposable
{
    private const int ClaimBatch = 100;

    private readonly IDatabase _redis;
    private readonly TimeProvider _timeProvider;
    private readonly RedisSequencedLogs _rooms;
    private readonly string _prefix;
    private readonly int _historyLength;
    private readonly long _privateWindowMs;

    public RedisMessageStore(
        IConnectionMultiplexer redis,
        IOptions<RedisOptions> redisOptions,
        IOptions<ChatOptions> chatOptions,
        TimeProvider? timeProvider = null,
        ILogger<RedisMessageStore>? logger = null)
    {
        _redis = redis.GetDatabase();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _prefix = redisOptions.Value.ChannelPrefix;
        _historyLength = chatOptions.Value.HistoryLength;
        _privateWindowMs = (long)chatOptions.Value.PrivateMessageDeduplicationWindow.TotalMilliseconds;
        _rooms = new RedisSequencedLogs(
            _redis, _prefix, "room", ["state", "messages", "client-ids", "unbroadcast"], chatOptions.Value.RebroadcastAfter,
            _timeProvider, (ILogger?)logger ?? NullLogger.Instance);
    }

    public async Task<Stored<ChatMessage>> AppendAsync(MessageDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var now = _timeProvider.GetUtcNow();
        var message = new RedisStoredMessage(Guid.CreateVersion7().ToString("N"), draft.SenderId, draft.SenderName, draft.Text, now.UtcDateTime, draft.ClientMessageId);
        var clientId = draft.ClientMessageId is null ? string.Empty : ClientId(draft.SenderId, draft.ClientMessageId);

        var reply = await _rooms.RunAsync(
            RedisHistoryScripts.Append,
            draft.Room,
            JsonSerializer.SerializeToUtf8Bytes(message, RedisHistoryJsonContext.Default.RedisStoredMessage),
            clientId,
            _historyLength).ConfigureAwait(false);

        var created = (long)reply[0] == 1;
        var epoch = (string)reply[1]!;
        var sequence = (long)reply[2];
        _rooms.Observe(draft.Room, epoch, sequence);
        var stored = created ? message : Deserialize((byte[])reply[3]!);
        var mustBroadcast = created || (long)reply[4] == 1;
        return new Stored<ChatMessage>(ToChatMessage(draft.Room, epoch, sequence, stored), created, mustBroadcast);
    }

    public async Task<IReadOnlyList<ChatMessage>> GetAfterAsync(string room, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        var (_, _, messages) = await ReadAsync(RedisHistoryScripts.ReadAfter, room, afterSequence, Math.Max(0, limit)).ConfigureAwait(false);
        return messages;
    }

    public async Task<HistoryHead> GetHeadAsync(string room, int count, CancellationToken cancellationToken = default)
    {
        var (epoch, last, messages) = await ReadAsync(RedisHistoryScripts.ReadLatest, room, Math.Max(0, count)).ConfigureAwait(false);
        return new HistoryHead(epoch, last, messages);
    }

    public void ConfirmBroadcast(ChatMessage message) => _rooms.ConfirmBroadcast(message.Room, message.Epoch, message.Sequence);

    /// <summary>Sends the confirmations still waiting for the next batch (tests, and a node that stops).</summary>
    internal void FlushConfirmations() => _rooms.FlushConfirmations();

    public void Dispose() => _rooms.Dispose();

    public async Task<IReadOnlyList<ChatMessage>> ClaimUnbroadcastAsync(string room, CancellationToken cancellationToken = default)
    {
        var reply = await _rooms.ClaimUnbroadcastAsync(room, ClaimBatch).ConfigureAwait(false);
        return reply.IsNull ? [] : Page(room, reply).Messages;
    }

    public async Task<Stored<PrivateMessage>> RecordPrivateAsync(PrivateMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.ClientMessageId is null)
        {
            return new Stored<PrivateMessage>(message, true);
        }

        var reply = await RedisHistoryScripts.RecordPrivate.EvaluateAsync(
            _redis,
            [$"{_prefix}:private:{ClientId(message.FromUserId, message.ClientMessageId)}"],
            [JsonSerializer.SerializeToUtf8Bytes(message, RedisHistoryJsonContext.Default.PrivateMessage), _privateWindowMs]).ConfigureAwait(false);

        return reply.IsNull
            ? new Stored<PrivateMessage>(message, true)
            : new Stored<PrivateMessage>(JsonSerializer.Deserialize((byte[])reply!, RedisHistoryJsonContext.Default.PrivateMessage)!, false);
    }

    private async Task<(string Epoch, long Last, List<ChatMessage> Messages)> ReadAsync(RedisScript script, string room, params RedisValue[] values) =>
        Page(room, await _rooms.RunAsync(script, room, values).ConfigureAwait(false));

    /// <summary>Reads a script's {epoch, last sequence, members with scores} reply, and notes what it says of the room.</summary>
    private (string Epoch, long Last, List<ChatMessage> Messages) Page(string room, RedisResult reply)
    {
        var epoch = (string)reply[0]!;
        var last = (long)reply[1];
        _rooms.Observe(room, epoch, last);
        var page = (RedisResult[])reply[2]!;
        var messages = new List<ChatMessage>(page.Length / 2);
        for (var i = 0; i + 1 < page.Length; i += 2)
        {
            messages.Add(ToChatMessage(room, epoch, (long)page[i + 1], Deserialize((byte[])page[i]!)));
        }

        return (epoch, last, messages);
    }

    // The length prefix keeps ("a:b", "c") and ("a", "b:c") apart.
    private static string ClientId(string senderId, string clientMessageId) =>
        string.Create(CultureInfo.InvariantCulture, $"{senderId.Length}:{senderId}:{clientMessageId}");

    private static RedisStoredMessage Deserialize(ReadOnlySpan<byte> member) =>
        JsonSerializer.Deserialize(member, RedisHistoryJsonContext.Default.RedisStoredMessage)
        ?? throw new InvalidOperationException("A stored message in Redis is not valid JSON.");

    private static ChatMessage ToChatMessage(string room, string epoch, long sequence, RedisStoredMessage stored) =>
        new(stored.Id, room, epoch, sequence, stored.SenderId, stored.SenderName, stored.Text, stored.SentAt, stored.ClientMessageId);

}
