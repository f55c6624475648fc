namespace RealtimeHub.Tests.Infrastructure;

/// <summary>One Redis server behind a <see cref="RedisServerFixture"/>, on a port fixed for its lifetime.</summary>
internal interface IRedisServer : IAsyncDisposable
{
    /// <summary>(Re)starts the server; returns once it answers.</summary>
    Task StartAsync();

    /// <summary>Kills the server, like a crash: no goodbye to clients, nothing saved that was not already on disk.</summary>
    Task StopAsync();
}
