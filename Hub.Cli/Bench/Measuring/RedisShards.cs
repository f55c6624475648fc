namespace RealtimeHub.Cli.Bench.Measuring;

/// <summary>The counters of every Redis server a run uses: one for a single Redis, one per master of a cluster.</summary>
internal sealed class RedisShards(IEnumerable<Uri> urls) : IDisposable
{
    private readonly RedisCounters[] _servers = [.. urls.Select(url => new RedisCounters(url))];

    public int Count => _servers.Length;

    public async Task<RedisSample[]> SampleAsync()
    {
        var samples = new RedisSample[_servers.Length];
        for (var i = 0; i < _servers.Length; i++)
        {
            samples[i] = new RedisSample(await _servers[i].PublishesAsync().ConfigureAwait(false), await _servers[i].CpuSecondsAsync().ConfigureAwait(false));
        }

        return samples;
    }

    public void Dispose()
    {
        foreach (var server in _servers)
        {
            server.Dispose();
        }
    }
}
