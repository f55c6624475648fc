using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Security;

/// <summary>One embedded node that allows exactly one browser origin.</summary>
public sealed class CorsNodeFixture : IAsyncLifetime
{
    public const string AllowedOrigin = "https://chat.example.com";

    public HubNode Node { get; private set; } = null!;

    public async Task InitializeAsync() => Node = await HubNode.StartAsync(new HubNodeOptions
    {
        Settings = { ["Auth:AllowedOrigins:0"] = AllowedOrigin },
    });

    public Task DisposeAsync() => Node.StopAsync();
}
