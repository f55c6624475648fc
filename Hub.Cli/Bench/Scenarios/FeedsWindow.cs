using RealtimeHub.Cli.Bench.Measuring;
using RealtimeHub.Cli.Bench.Wire;

namespace RealtimeHub.Cli.Bench.Scenarios;

/// <summary>A window being measured: its latency histogram fills from the receive loops until <see cref="Close"/>.</summary>
internal sealed class FeedsWindow
{
    private readonly HubSocket[] _others;
    private readonly FeedsPublisher _publisher;
    private readonly CpuMeter _cpu;
    private readonly long _startedAt = Clock.Now;
    private readonly long _bytesAtStart;
    private readonly long _sentAtStart;
    private readonly long _acceptedAtStart;

    public FeedsWindow(IReadOnlyList<int> pids, HubSocket[] others, FeedsPublisher publisher)
    {
        _others = others;
        _publisher = publisher;
        _cpu = new CpuMeter(pids);
        _bytesAtStart = BytesRead();
        _sentAtStart = publisher.Sent;
        _acceptedAtStart = publisher.Accepted;
    }

    public Histogram Latency { get; } = new();

    public FeedsWindowResult Close()
    {
        var usage = _cpu.Read();
        return new FeedsWindowResult(
            Clock.ElapsedMs(_startedAt), Latency.Summary(), usage.ServerCpu, usage.LoadgenCpu, BytesRead() - _bytesAtStart,
            Latency.Count, _publisher.Sent - _sentAtStart, _publisher.Accepted - _acceptedAtStart);
    }

    private long BytesRead() => _others.Sum(socket => socket.BytesRead);
}
