using RealtimeHub.Cli.Bench.Measuring;

namespace RealtimeHub.Cli.Games;

/// <summary>What all bots measured, as running totals; a window's figures are differences of two <see cref="BotTotals"/>.</summary>
internal sealed class BotStats
{
    private Histogram _latency = new();
    private long _inputs;
    private long _states;
    private long _errors;
    private string? _lastError;

    /// <summary>Input → own-delta latencies since the last <see cref="RestartLatency"/>.</summary>
    public Histogram Latency => Volatile.Read(ref _latency);

    public string? LastError => Volatile.Read(ref _lastError);

    public void InputSent() => Interlocked.Increment(ref _inputs);

    public void StateReceived() => Interlocked.Increment(ref _states);

    public void Error(Exception error)
    {
        Interlocked.Increment(ref _errors);
        Volatile.Write(ref _lastError, $"{error.GetType().Name}: {error.Message}");
    }

    /// <summary>The measured window starts: latencies from now on only.</summary>
    public void RestartLatency() => Volatile.Write(ref _latency, new Histogram());

    public BotTotals Totals(long bytesRead) =>
        new(Interlocked.Read(ref _inputs), Interlocked.Read(ref _states), bytesRead, Interlocked.Read(ref _errors));
}
