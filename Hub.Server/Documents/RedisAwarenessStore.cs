using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using RealtimeHub.Server.Presence;
using RealtimeHub.Server.Redis;
using StackExchange.Redis;

namespace RealtimeHub.Server.Documents;

/// <summary>
/// Awareness states shared by every node through Redis, so a newcomer on any node sees everyone's caret: per document a
/// hash beside its log (<c>{ChannelPrefix}:doc:{docId}:awareness</c>, see <see cref="RedisAwarenessScripts"/>), each entry
/// with the node and connection that announced it; and per node the set of documents it announced states in
/// (<c>{ChannelPrefix}:awareness-node:{node}</c>), so that when the node dies a survivor finds and removes its states
/// (<see cref="DocumentAwarenessReaper"/>, told by presence's reaper).
/// </summary>
public sealed class RedisAwarenessStore(
    IConnectionMultiplexer redis, RedisDocumentStore documents, RedisPresenceTracker presence, IOptions<RedisOptions> redisOptions) : IAwarenessStore
{
    private readonly IDatabase _database = redis.GetDatabase();
    private readonly string _prefix = redisOptions.Value.ChannelPrefix;

    /// <summary>This node's id in presence: what its entries are marked with and what the reaper names when it dies.</summary>
    public string NodeId => presence.NodeId;

    public async Task<IReadOnlyList<AwarenessEntry>> ApplyAsync(string docId, AwarenessOwner owner, IReadOnlyList<AwarenessEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(entries);
        // Listed first (sent ahead of the script, no wait for it): the reaper may find a document without this node's
        // states, hardly ever the reverse. Every push lists it again, so a Redis that lost the list has it back at once.
        await _database.SetAddAsync(NodeIndex(NodeId), docId, CommandFlags.FireAndForget).ConfigureAwait(false);
        var values = new List<RedisValue>(3 + (entries.Count * 3)) { NodeId, owner.ConnectionId, owner.UserId };
        foreach (var entry in entries)
        {
            values.AddRange([entry.ClientId.ToString(CultureInfo.InvariantCulture), entry.Clock.ToString(CultureInfo.InvariantCulture), entry.State]);
        }

        var accepted = (long[])(await RedisAwarenessScripts.Apply.EvaluateAsync(_database, [documents.Key(docId, "awareness")], [.. values]).ConfigureAwait(false))!;
        return [.. accepted.Select(index => entries[(int)index])];
    }

    public async Task<IReadOnlyList<AwarenessEntry>> GetOthersAsync(string docId, string connectionId, CancellationToken cancellationToken = default)
    {
        var all = await _database.HashGetAllAsync(documents.Key(docId, "awareness")).ConfigureAwait(false);
        var others = new List<AwarenessEntry>(all.Length);
        foreach (var field in all)
        {
            var (node, connection, clock, state) = Parse((byte[])field.Value!);
            if (node != NodeId || connection != connectionId)
            {
                others.Add(new AwarenessEntry(ulong.Parse((string)field.Name!, CultureInfo.InvariantCulture), clock, state));
            }
        }

        return others;
    }

    public Task<IReadOnlyList<AwarenessEntry>> RemoveAsync(string docId, string connectionId, CancellationToken cancellationToken = default) =>
        RemoveAsync(docId, NodeId, connectionId);

    public Task DeleteAsync(string docId, CancellationToken cancellationToken = default) =>
        _database.KeyDeleteAsync(documents.Key(docId, "awareness"));

    /// <summary>Removes every state a node announced, in every document it announced any; returns the removals per document.</summary>
    public async Task<IReadOnlyList<(string DocId, IReadOnlyList<AwarenessEntry> Removals)>> RemoveNodeAsync(string node)
    {
        var removed = new List<(string, IReadOnlyList<AwarenessEntry>)>();
        foreach (var docId in await _database.SetMembersAsync(NodeIndex(node)).ConfigureAwait(false))
        {
            var removals = await RemoveAsync((string)docId!, node, string.Empty).ConfigureAwait(false);
            if (removals.Count > 0)
            {
                removed.Add(((string)docId!, removals));
            }
        }

        await _database.KeyDeleteAsync(NodeIndex(node)).ConfigureAwait(false);
        return removed;
    }

    private async Task<IReadOnlyList<AwarenessEntry>> RemoveAsync(string docId, string node, string connectionId)
    {
        var reply = (RedisResult[])(await RedisAwarenessScripts.Remove.EvaluateAsync(_database, [documents.Key(docId, "awareness")], [node, connectionId]).ConfigureAwait(false))!;
        var removals = new List<AwarenessEntry>(reply.Length / 2);
        for (var i = 0; i + 1 < reply.Length; i += 2)
        {
            removals.Add(new AwarenessEntry(ulong.Parse((string)reply[i]!, CultureInfo.InvariantCulture), ulong.Parse((string)reply[i + 1]!, CultureInfo.InvariantCulture), []).Removal());
        }

        return removals;
    }

    private RedisKey NodeIndex(string node) => $"{_prefix}:awareness-node:{node}";

    /// <summary>Reads <c>{node}\n{connection}\n{user}\n{clock}\n{state}</c>.</summary>
    private static (string Node, string Connection, ulong Clock, byte[] State) Parse(byte[] value)
    {
        Span<int> breaks = stackalloc int[4];
        var at = -1;
        for (var i = 0; i < breaks.Length; i++)
        {
            at = Array.IndexOf(value, (byte)'\n', at + 1);
            breaks[i] = at >= 0 ? at : throw new InvalidOperationException("An awareness entry in Redis is malformed.");
        }

        return (
            Encoding.UTF8.GetString(value, 0, breaks[0]),
            Encoding.UTF8.GetString(value, breaks[0] + 1, breaks[1] - breaks[0] - 1),
            ulong.Parse(value.AsSpan(breaks[2] + 1, breaks[3] - breaks[2] - 1), provider: CultureInfo.InvariantCulture),
            value[(breaks[3] + 1)..]);
    }
}
