using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Chat;
using RealtimeHub.Server.Redis;
using StackExchange.Redis;

namespace RealtimeHub.Server.History;

/// <summary>
/// History shared by every node through Redis. Keys, all under <c>{ChannelPrefix}:</c>:
/// <list type="bullet">
/// <item><c>history:{room}:sequence</c> (string): the room's last sequence, INCR'd by the append script.</item>
/// <item><c>history:{room}:messages</c> (sorted set): score = sequence, member = the message as camelCase JSON
/// (without room and sequence); trimmed to <see cref="ChatOptions.HistoryLength"/>.</item>
/// <item><c>history:{room}:client-ids</c> (sorted set): score = sequence, member = <c>{len(senderId)}:{senderId}:{clientMessageId}</c>;
/// trimmed with the messages, so a retry is recognised for as long as its original is in the history.</item>
/// <item><c>private:{len(senderId)}:{senderId}:{clientMessageId}</c> (string, expires after
/// <see cref="ChatOptions.PrivateMessageDeduplicationWindow"/>): the first private message sent with that id.</item>
/// </list>
/// History keys never expire: a restarted node finds the history intact.
/// </summary>
public sealed class RedisMessageStore : IMessageStore
{
    private readonly IDatabase _redis;
    private readonly TimeProvider _timeProvider;
    private readonly string _prefix;
    private readonly int _historyLength;
    private readonly long _privateWindowMs;

    public RedisMessageStore(IConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions, IOptions<ChatOptions> chatOptions, TimeProvider? timeProvider = null)
    {
        _redis = redis.GetDatabase();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _prefix = redisOptions.Value.ChannelPrefix;
        _historyLength = chatOptions.Value.HistoryLength;
        _privateWindowMs = (long)chatOptions.Value.PrivateMessageDeduplicationWindow.TotalMilliseconds;
    }

    public async Task<Stored<ChatMessage>> AppendAsync(MessageDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var message = new RedisStoredMessage(
            Guid.CreateVersion7().ToString("N"), draft.SenderId, draft.SenderName, draft.Text, _timeProvider.GetUtcNow().UtcDateTime, draft.ClientMessageId);
        var clientId = draft.ClientMessageId is null ? string.Empty : ClientId(draft.SenderId, draft.ClientMessageId);

        var reply = await RedisHistoryScripts.Append.EvaluateAsync(
            _redis,
            [RoomKey(draft.Room, "sequence"), RoomKey(draft.Room, "messages"), RoomKey(draft.Room, "client-ids")],
            [JsonSerializer.SerializeToUtf8Bytes(message, RedisHistoryJsonContext.Default.RedisStoredMessage), clientId, _historyLength]).ConfigureAwait(false);

        var created = (long)reply[0] == 1;
        var stored = created ? message : Deserialize((byte[])reply[2]!);
        return new Stored<ChatMessage>(ToChatMessage(draft.Room, (long)reply[1], stored), created);
    }

    public async Task<IReadOnlyList<ChatMessage>> GetAfterAsync(string room, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        if (limit <= 0)
        {
            return [];
        }

        var entries = await _redis.SortedSetRangeByScoreWithScoresAsync(
            RoomKey(room, "messages"), afterSequence, double.PositiveInfinity, Exclude.Start, Order.Ascending, 0, limit).ConfigureAwait(false);
        return ToChatMessages(room, entries);
    }

    public async Task<IReadOnlyList<ChatMessage>> GetLatestAsync(string room, int count, CancellationToken cancellationToken = default)
    {
        if (count <= 0)
        {
            return [];
        }

        var entries = await _redis.SortedSetRangeByRankWithScoresAsync(RoomKey(room, "messages"), -count, -1).ConfigureAwait(false);
        return ToChatMessages(room, entries);
    }

    public async Task<Stored<PrivateMessage>> RecordPrivateAsync(PrivateMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.ClientMessageId is null)
        {
            return new Stored<PrivateMessage>(message, Created: true);
        }

        var reply = await RedisHistoryScripts.RecordPrivate.EvaluateAsync(
            _redis,
            [$"{_prefix}:private:{ClientId(message.FromUserId, message.ClientMessageId)}"],
            [JsonSerializer.SerializeToUtf8Bytes(message, RedisHistoryJsonContext.Default.PrivateMessage), _privateWindowMs]).ConfigureAwait(false);

        return reply.IsNull
            ? new Stored<PrivateMessage>(message, Created: true)
            : new Stored<PrivateMessage>(JsonSerializer.Deserialize((byte[])reply!, RedisHistoryJsonContext.Default.PrivateMessage)!, Created: false);
    }

    // The length prefix keeps ("a:b", "c") and ("a", "b:c") apart.
    private static string ClientId(string senderId, string clientMessageId) =>
        string.Create(CultureInfo.InvariantCulture, $"{senderId.Length}:{senderId}:{clientMessageId}");

    private static RedisStoredMessage Deserialize(ReadOnlySpan<byte> member) =>
        JsonSerializer.Deserialize(member, RedisHistoryJsonContext.Default.RedisStoredMessage)
        ?? throw new InvalidOperationException("A stored message in Redis is not valid JSON.");

    private static ChatMessage ToChatMessage(string room, long sequence, RedisStoredMessage stored) =>
        new(stored.Id, room, sequence, stored.SenderId, stored.SenderName, stored.Text, stored.SentAt, stored.ClientMessageId);

    private static List<ChatMessage> ToChatMessages(string room, SortedSetEntry[] entries)
    {
        var messages = new List<ChatMessage>(entries.Length);
        foreach (var entry in entries)
        {
            messages.Add(ToChatMessage(room, (long)entry.Score, Deserialize((byte[])entry.Element!)));
        }

        return messages;
    }

    // The room is never followed by anything but a fixed suffix, so no two rooms share a key.
    private string RoomKey(string room, string suffix) => $"{_prefix}:history:{room}:{suffix}";
}
