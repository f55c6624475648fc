namespace RealtimeHub.Client;

/// <summary>The SignalR hub protocol a <see cref="ChatClient"/> speaks; the hub serves both.</summary>
public enum ChatProtocol
{
    /// <summary>SignalR's JSON protocol (text frames).</summary>
    Json,

    /// <summary>
    /// SignalR's MessagePack protocol (binary frames, smaller and cheaper to parse). Server-Sent Events carry text
    /// only, so where WebSockets are blocked it falls back to long polling.
    /// </summary>
    MessagePack,
}
