namespace RealtimeHub.Server.Scaleout;

/// <summary>Embedded mode: one process is the whole cluster, so the backplane is always there.</summary>
public sealed class InMemoryBackplane : IBackplane
{
    public string Mode => "memory";

    public bool IsConnected => true;

    public Task<bool> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}
