namespace RealtimeHub.Client;

/// <summary>Where a <see cref="ChatClient"/> stands with the hub.</summary>
public enum ChatConnectionState
{
    /// <summary>Not started, stopped, or automatic reconnect gave up; <see cref="ChatClient.StartAsync"/> may be called.</summary>
    Disconnected,

    /// <summary><see cref="ChatClient.StartAsync"/> is running.</summary>
    Connecting,

    /// <summary>Connected, rooms joined and caught up; sends go straight out.</summary>
    Connected,

    /// <summary>The connection was lost and is being re-established; sends are queued, rooms caught up afterwards.</summary>
    Reconnecting,
}
