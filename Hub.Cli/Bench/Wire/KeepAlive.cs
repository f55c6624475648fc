namespace RealtimeHub.Cli.Bench.Wire;

/// <summary>
/// Pings every connection that has sent nothing for a while, so the hub (which drops clients silent for 30 s)
/// keeps the quiet members of a fan-out room. One timer for all connections instead of one each.
/// </summary>
internal sealed class KeepAlive : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly IReadOnlyList<HubSocket> _sockets;
    private readonly Timer _timer;

    public KeepAlive(IReadOnlyList<HubSocket> sockets)
    {
        _sockets = sockets;
        _timer = new Timer(_ => PingQuietOnes(), null, Interval, Interval);
    }

    public void Dispose() => _timer.Dispose();

    private void PingQuietOnes()
    {
        var quietSince = Environment.TickCount64 - (long)Interval.TotalMilliseconds;
        foreach (var socket in _sockets)
        {
            if (socket.IsOpen && socket.LastSendTicks < quietSince)
            {
                socket.SendPing();
            }
        }
    }
}
