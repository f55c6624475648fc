namespace RealtimeHub.Tests.Infrastructure;

/// <summary>Hub nodes for fault tests: one Redis, one prefix, short Redis timeouts so a dead link or a failover shows within seconds.</summary>
internal static class FaultTestNodes
{
    public const string ShortTimeouts = ",connectTimeout=3000,asyncTimeout=2000,syncTimeout=2000";

    /// <summary>Starts <paramref name="count"/> nodes named n1, n2, …; the caller owns them.</summary>
    public static async Task<HubNode[]> StartAsync(int count, string redisConfiguration, string prefix, IDictionary<string, string?>? settings = null)
    {
        var nodes = new HubNode[count];
        for (var i = 0; i < count; i++)
        {
            nodes[i] = await HubNode.StartAsync(new HubNodeOptions
            {
                NodeName = $"n{i + 1}",
                RedisConfiguration = redisConfiguration + ShortTimeouts,
                ChannelPrefix = prefix,
                Settings = settings ?? new Dictionary<string, string?>(),
            });
        }

        return nodes;
    }
}
