namespace RealtimeHub.Server.Scaleout;

/// <summary>What the rest of the app may know about the backplane: its mode and whether it is reachable.</summary>
public interface IBackplane
{
    /// <summary><c>memory</c> or <c>redis</c>, as <c>/stats</c> reports it.</summary>
    string Mode { get; }

    /// <summary>True while messages can cross nodes, as the client last knew it. Always true in memory mode, where there is one node.</summary>
    bool IsConnected { get; }

    /// <summary>
    /// A round trip on every link the node sends and receives on, now. <see cref="IsConnected"/> can stay true
    /// for a while after a link silently died, or while only one of several links is back, so readiness asks this.
    /// </summary>
    Task<bool> ProbeAsync(CancellationToken cancellationToken);
}
