using Microsoft.AspNetCore.SignalR.Client;

namespace RealtimeHub.Client.Internal;

/// <summary>A send waiting in the <see cref="Outbox"/> for the connection to come back.</summary>
internal interface IPendingSend
{
    /// <summary>Already finished: its caller gave up waiting, or it failed.</summary>
    bool IsCompleted { get; }

    /// <summary>How many times it has been put on the wire.</summary>
    int Attempts { get; }

    /// <summary>Invokes the hub once and completes the caller's task on success; throws on failure.</summary>
    Task SendAsync(HubConnection connection);

    void Fail(Exception error);
}
