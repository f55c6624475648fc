namespace RealtimeHub.Tests.Infrastructure;

/// <summary>
/// A test class whose tests each get a Redis of their own, without persistence, to restart, flush or stop, and whose
/// nodes and clients are disposed after the test, newest first, before that Redis.
/// </summary>
public abstract class PrivateRedisTest : IAsyncLifetime
{
    protected RedisServerFixture Redis { get; private set; } = null!;

    /// <summary>Disposed after the test, newest first.</summary>
    protected List<IAsyncDisposable> Owned { get; } = [];

    public async Task InitializeAsync() => Redis = await RedisServerFixture.StartLocalAsync();

    public async Task DisposeAsync()
    {
        for (var i = Owned.Count - 1; i >= 0; i--)
        {
            await Owned[i].DisposeAsync();
        }

        await Redis.DisposeAsync();
    }
}
