namespace RealtimeHub.Tests.Infrastructure;

/// <summary>One direction of a proxied connection.</summary>
public enum FaultProxyDirection
{
    /// <summary>From the target (server, Redis) to the client that connected to the proxy.</summary>
    ToClient,

    /// <summary>From the client that connected to the proxy to the target.</summary>
    ToTarget,
}
