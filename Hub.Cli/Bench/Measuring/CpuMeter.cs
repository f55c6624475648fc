using System.Diagnostics;

namespace RealtimeHub.Cli.Bench.Measuring;

/// <summary>Cores used by the server processes and by this generator since the meter was made.</summary>
internal sealed class CpuMeter
{
    private readonly IReadOnlyList<int> _pids;
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private readonly double? _serverStart;
    private readonly TimeSpan _selfStart = Process.GetCurrentProcess().TotalProcessorTime;

    public CpuMeter(IReadOnlyList<int> pids)
    {
        _pids = pids;
        _serverStart = ProcStats.TotalCpuSeconds(pids);
    }

    public (double? ServerCpu, double LoadgenCpu) Read()
    {
        var elapsed = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
        var serverNow = ProcStats.TotalCpuSeconds(_pids);
        var self = (Process.GetCurrentProcess().TotalProcessorTime - _selfStart).TotalSeconds;
        double? server = _pids.Count > 0 && serverNow is { } now && _serverStart is { } start ? Math.Round((now - start) / elapsed, 2) : null;
        return (server, Math.Round(self / elapsed, 2));
    }
}
