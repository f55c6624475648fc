using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Games;

/// <summary>One Redis of a test class's own (never <c>REDIS_URL</c>), which its tests may stop and restart; they keep apart by prefix.</summary>
public sealed class PrivateRedisFixture : IAsyncLifetime
{
    public RedisServerFixture Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServerFixture.StartLocalAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}
