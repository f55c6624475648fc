using RealtimeHub.Contracts;

namespace RealtimeHub.Cli.Bench.Wire;

/// <summary>How a <see cref="HubSocket"/> connects and whom it hands records to.</summary>
internal sealed record HubSocketOptions
{
    /// <summary>The hub's path. Default <c>/hubs/chat</c>.</summary>
    public string Path { get; init; } = HubRoutes.Chat;

    /// <summary>Receives server invocations (type 1), on the receive loop.</summary>
    public RecordHandler? OnInvocation { get; init; }

    /// <summary>Receives stream items (type 2), on the receive loop.</summary>
    public RecordHandler? OnStreamItem { get; init; }

    /// <summary>Counts the bytes read from the socket (<see cref="HubSocket.BytesRead"/>). Default false.</summary>
    public bool CountBytes { get; init; }
}
