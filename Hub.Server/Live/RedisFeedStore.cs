using RealtimeHub.Server.History;
using RealtimeHub.Server.Scaleout;
using StackExchange.Redis;

namespace RealtimeHub.Server.Live;

/// <summary>
/// Feeds in Redis, one hash per feed under the feed's hash tag (<see cref="RedisFeedScripts"/>), so a feed lives on one
/// shard of a Redis Cluster with its access keys and its channel. A publish is one script: it applies the request,
/// stamps versions, and publishes what it applied on the feed's channel (<see cref="RedisFeedFanout"/>).
/// </summary>
public sealed class RedisFeedStore(RedisBackplane backplane) : IFeedStore
{
    private readonly IDatabase _database = backplane.Redis.GetDatabase();
    private readonly string _prefix = backplane.Options.ChannelPrefix;

    public async Task<FeedSlice> PublishAsync(string feed, IReadOnlyList<FeedInput> entries, DateTime publishedAt, CancellationToken cancellationToken = default)
    {
        var at = new DateTimeOffset(publishedAt, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var sharded = backplane.IsCluster;
        var arguments = new RedisValue[4 + (entries.Count * 2)];
        arguments[0] = Epochs.RandomPart();
        arguments[1] = at;
        arguments[2] = ChannelName(_prefix, feed);
        arguments[3] = sharded ? 1 : 0;
        for (var i = 0; i < entries.Count; i++)
        {
            arguments[4 + (2 * i)] = entries[i].Key;
            arguments[5 + (2 * i)] = entries[i].Json ?? string.Empty;
        }

        var reply = (RedisResult[])(await RedisFeedScripts.Publish.EvaluateAsync(_database, [ValuesKey(feed)], arguments).ConfigureAwait(false))!;
        var applied = new FeedValue[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            applied[i] = new FeedValue(entries[i].Key, entries[i].Json, (long)reply[i + 1], DateTime.UnixEpoch.AddMilliseconds(at));
        }

        return new FeedSlice((string)reply[0]!, applied);
    }

    public async Task<FeedSlice> GetAsync(string feed, IReadOnlyCollection<string>? keys, CancellationToken cancellationToken = default)
    {
        if (keys is null)
        {
            var all = await _database.HashGetAllAsync(ValuesKey(feed)).ConfigureAwait(false);
            return Read(all.Select(entry => ((string)entry.Name!, entry.Value)));
        }

        RedisValue[] fields = [RedisFeedScripts.EpochField, .. keys.Select(key => (RedisValue)key)];
        var found = await _database.HashGetAsync(ValuesKey(feed), fields).ConfigureAwait(false);
        return Read(fields.Select((field, i) => ((string)field!, found[i])));
    }

    /// <summary>
    /// The feed's channel. On a Redis Cluster it is sharded: tagged with the feed so that it lives on the shard that
    /// holds the feed's hash, and only the nodes subscribed there hear it; elsewhere a classic channel of the same name.
    /// </summary>
    internal static string ChannelName(string prefix, string feed) => $"{prefix}:feed:{{{feed}}}";

    private static FeedSlice Read(IEnumerable<(string Field, RedisValue Value)> fields)
    {
        var epoch = string.Empty;
        var values = new List<FeedValue>();
        foreach (var (field, value) in fields)
        {
            if (value.IsNull)
            {
                continue;
            }

            if (field == RedisFeedScripts.EpochField)
            {
                epoch = (string)value!;
            }
            else if (RedisFeedMessage.ParseStored(field, (string)value!) is { } stored)
            {
                values.Add(stored);
            }
        }

        return new FeedSlice(epoch, values);
    }

    // Feed names have no braces, so the tag is exactly the feed, as for the feed's access keys and channel.
    private RedisKey ValuesKey(string feed) => $"{_prefix}:feed:{{{feed}}}:values";
}
