using System.Text;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts.Documents;
using RealtimeHub.Server.Chat;
using RealtimeHub.Server.History;
using RealtimeHub.Server.Redis;
using StackExchange.Redis;

namespace RealtimeHub.Server.Documents;

/// <summary>
/// Documents shared by every node through Redis. A document's keys share the hash tag <c>{docId}</c>, so one script
/// touches them all, on a single Redis or a cluster; all under <c>{ChannelPrefix}:doc:{docId}:</c>:
/// <list type="bullet">
/// <item><c>state</c> (hash): <c>epoch</c>, <c>seq</c> (the last sequence), <c>base</c> (the snapshot's sequence),
/// <c>cids</c> (present while client ids are kept), <c>snapreq</c> (Redis's time of the last snapshot request).</item>
/// <item><c>updates</c> (sorted set): score = sequence, member = <c>{sequence}\n{userId}\n{update bytes}</c>, the updates after the snapshot.</item>
/// <item><c>snapshot</c> (string): a Yjs update holding the document as of <c>base</c>.</item>
/// <item><c>client-ids</c> (sorted set): score = sequence, member = <c>{len(userId)}:{userId}:{clientUpdateId}</c>; the newest <see cref="DocsOptions.ClientUpdateIdsKept"/>.</item>
/// <item><c>unbroadcast</c> (sorted set): as a room's (see <see cref="RedisMessageStore"/>): stored updates not yet confirmed broadcast.</item>
/// <item><c>deleted</c> (set, kept <see cref="DeletedEpochsKept"/>): epochs of the document that were deleted.</item>
/// <item><c>awareness</c> (hash): see <see cref="RedisAwarenessStore"/>.</item>
/// </list>
/// The log is a sequenced log (<see cref="RedisSequencedLogs"/>, shared with rooms): epochs, hints and "stored means delivered" work as for rooms.
/// </summary>
public sealed class RedisDocumentStore : IDocumentStore, IDisposable
{
    /// <summary>How long a deleted epoch is remembered, so a client that held it while offline is told, not let back in.</summary>
    public static readonly TimeSpan DeletedEpochsKept = TimeSpan.FromDays(30);

    private const int ClaimBatch = 100;

    private readonly RedisSequencedLogs _documents;
    private readonly IOptionsMonitor<DocsOptions> _options;

    public RedisDocumentStore(
        IConnectionMultiplexer redis,
        IOptions<RedisOptions> redisOptions,
        IOptionsMonitor<DocsOptions> options,
        IOptions<ChatOptions> chatOptions,
        TimeProvider time,
        ILogger<RedisDocumentStore> logger)
    {
        _options = options;
        _documents = new RedisSequencedLogs(
            redis.GetDatabase(), redisOptions.Value.ChannelPrefix, "doc", ["state", "updates", "client-ids", "unbroadcast", "snapshot"],
            chatOptions.Value.RebroadcastAfter, time, logger);
    }

    /// <summary>The key of one of the document's parts (for the awareness store, which keeps its hash beside the log).</summary>
    internal RedisKey Key(string docId, string suffix) => _documents.Key(docId, suffix);

    public async Task<DocumentLog?> OpenAsync(string docId, string? knownEpoch, long knownSequence, CancellationToken cancellationToken = default)
    {
        var reply = await RunAsync(RedisDocumentScripts.Open, docId, knownEpoch ?? string.Empty, knownSequence).ConfigureAwait(false);
        return reply.IsNull ? null : Log(docId, reply);
    }

    public async Task<DocumentLog?> GetAsync(string docId, CancellationToken cancellationToken = default)
    {
        var reply = await RunAsync(RedisDocumentScripts.Get, docId).ConfigureAwait(false);
        return reply.IsNull ? null : Log(docId, reply);
    }

    public async Task<AppendedUpdate?> AppendAsync(UpdateDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var settings = _options.CurrentValue;
        var reply = await RunAsync(
            RedisDocumentScripts.Append,
            draft.DocId,
            (byte[])[.. Encoding.UTF8.GetBytes(draft.UserId + "\n"), .. draft.Update],
            draft.ClientUpdateId is null ? string.Empty : $"{draft.UserId.Length}:{draft.UserId}:{draft.ClientUpdateId}",
            draft.KnownEpoch ?? string.Empty,
            settings.ClientUpdateIdsKept,
            settings.CompactAfter,
            draft.MayRequestSnapshot ? 1 : 0,
            (long)settings.SnapshotRequestInterval.TotalMilliseconds).ConfigureAwait(false);

        if ((long)reply[0] == -1)
        {
            return null;
        }

        var epoch = (string)reply[1]!;
        var sequence = (long)reply[2];
        _documents.Observe(draft.DocId, epoch, sequence);
        var ack = new DocumentAck(epoch, sequence);
        if ((long)reply[0] == 1)
        {
            return new AppendedUpdate(ack, true, new DocumentUpdate(draft.DocId, epoch, sequence, draft.Update, draft.UserId), (long)reply[3] == 1);
        }

        var claimed = (long)reply[3] == 1 ? Update(draft.DocId, epoch, (byte[])reply[4]!) : null;
        return new AppendedUpdate(ack, false, claimed, false);
    }

    public async Task<CompactionBasis?> ReadForCompactionAsync(string docId, long upToSequence, CancellationToken cancellationToken = default)
    {
        var reply = await RunAsync(RedisDocumentScripts.ReadForCompaction, docId, upToSequence).ConfigureAwait(false);
        if (reply.IsNull)
        {
            return null;
        }

        var members = (RedisResult[])reply[3]!;
        var updates = members.Select(member => Update(docId, (string)reply[0]!, (byte[])member!).Update).ToList();
        return new CompactionBasis((string)reply[0]!, (long)reply[1], reply[2].IsNull ? null : (byte[])reply[2]!, updates);
    }

    public async Task<bool> ReplaceSnapshotAsync(string docId, CompactionBasis basis, long upToSequence, byte[] snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(basis);
        var reply = await RunAsync(RedisDocumentScripts.ReplaceSnapshot, docId, basis.Epoch, basis.SnapshotSequence, upToSequence, snapshot).ConfigureAwait(false);
        return (long)reply == 1;
    }

    public void ConfirmBroadcast(DocumentUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        _documents.ConfirmBroadcast(update.DocId, update.Epoch, update.Sequence);
    }

    public async Task<IReadOnlyList<DocumentUpdate>> ClaimUnbroadcastAsync(string docId, CancellationToken cancellationToken = default)
    {
        var reply = await _documents.ClaimUnbroadcastAsync(docId, ClaimBatch).ConfigureAwait(false);
        return reply.IsNull ? [] : Page(docId, (string)reply[0]!, (long)reply[1], (RedisResult[])reply[2]!);
    }

    public Task DeleteAsync(string docId, CancellationToken cancellationToken = default) =>
        RedisDocumentScripts.Delete.EvaluateAsync(
            _documents.Database,
            [Key(docId, "state"), Key(docId, "updates"), Key(docId, "client-ids"), Key(docId, "unbroadcast"), Key(docId, "snapshot"), Key(docId, "deleted")],
            [(long)DeletedEpochsKept.TotalMilliseconds]);

    public Task<bool> WasDeletedAsync(string docId, string epoch, CancellationToken cancellationToken = default) =>
        _documents.Database.SetContainsAsync(Key(docId, "deleted"), epoch);

    /// <summary>Sends the confirmations still waiting for the next batch (tests, and a node that stops).</summary>
    internal void FlushConfirmations() => _documents.FlushConfirmations();

    public void Dispose() => _documents.Dispose();

    private Task<RedisResult> RunAsync(RedisScript script, string docId, params RedisValue[] values) =>
        _documents.RunAsync(script, docId, [Key(docId, "deleted")], values);

    /// <summary>Reads an {epoch, last, snapshot sequence, snapshot, members with scores} reply.</summary>
    private DocumentLog Log(string docId, RedisResult reply)
    {
        var epoch = (string)reply[0]!;
        var last = (long)reply[1];
        var snapshot = reply[3].IsNull ? null : (byte[])reply[3]!;
        return new DocumentLog(docId, epoch, snapshot, (long)reply[2], [.. Page(docId, epoch, last, (RedisResult[])reply[4]!)], last);
    }

    private List<DocumentUpdate> Page(string docId, string epoch, long last, RedisResult[] membersWithScores)
    {
        _documents.Observe(docId, epoch, last);
        var updates = new List<DocumentUpdate>(membersWithScores.Length / 2);
        for (var i = 0; i + 1 < membersWithScores.Length; i += 2)
        {
            updates.Add(Update(docId, epoch, (byte[])membersWithScores[i]!));
        }

        return updates;
    }

    /// <summary>Reads a member <c>{sequence}\n{userId}\n{bytes}</c>.</summary>
    private static DocumentUpdate Update(string docId, string epoch, byte[] member)
    {
        var afterSequence = Array.IndexOf(member, (byte)'\n');
        var afterUser = Array.IndexOf(member, (byte)'\n', afterSequence + 1);
        if (afterSequence <= 0 || afterUser < 0)
        {
            throw new InvalidOperationException("A stored document update in Redis is malformed.");
        }

        var sequence = long.Parse(member.AsSpan(0, afterSequence), provider: System.Globalization.CultureInfo.InvariantCulture);
        var userId = Encoding.UTF8.GetString(member, afterSequence + 1, afterUser - afterSequence - 1);
        return new DocumentUpdate(docId, epoch, sequence, member[(afterUser + 1)..], userId);
    }
}
