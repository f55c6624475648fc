namespace RealtimeHub.Server.Scaleout;

/// <summary>What the rest of the app may know about the backplane: its mode and whether it is reachable.</summary>
public interface IBackplane
{
    /// <summary><c>memory</c> or <c>redis</c>, as <c>/stats</c> reports it.</summary>
    string Mode { get; }

    /// <summary>True while messages can cross nodes. Always true in memory mode, where there is one node.</summary>
    bool IsConnected { get; }
}
