namespace RealtimeHub.Tests.Infrastructure;

/// <summary>How to start a <see cref="HubNode"/>.</summary>
public sealed record HubNodeOptions
{
    /// <summary>0 picks a free port; a fixed port restarts a node where clients expect it.</summary>
    public int Port { get; init; }

    /// <summary>Redis <c>host:port</c>; null for embedded mode.</summary>
    public string? RedisConfiguration { get; init; }

    /// <summary>Redis channel prefix; give every test its own so parallel tests never meet.</summary>
    public string? ChannelPrefix { get; init; }

    public string? NodeName { get; init; }

    /// <summary>Defaults to <c>Testing</c>: not Development, so nothing falls back to development defaults unseen.</summary>
    public string Environment { get; init; } = "Testing";

    /// <summary>Runs on the node's services after the app's own registrations (e.g. to add a test-only hub filter).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Extra configuration, as <c>Section:Key</c> → value.</summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}
