namespace RealtimeHub.Tests.Infrastructure;

/// <summary>One embedded-mode node shared by a test class.</summary>
public sealed class EmbeddedNodeFixture : IAsyncLifetime
{
    public HubNode Node { get; private set; } = null!;

    public async Task InitializeAsync() => Node = await HubNode.StartAsync();

    public Task DisposeAsync() => Node.StopAsync();
}
