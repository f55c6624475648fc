namespace RealtimeHub.Tests.Infrastructure;

/// <summary>How <see cref="FaultProxy.Cut"/> ends connections.</summary>
public enum FaultProxyCutMode
{
    /// <summary>Abortive close: both peers get a TCP RST, as when a middlebox or a host drops the connection.</summary>
    Reset,

    /// <summary>Orderly close: both peers get a FIN, as when the other side shut down cleanly.</summary>
    Close,
}
