using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Server.Diagnostics;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Diagnostics;

/// <summary>
/// Listens to the <c>RealtimeHub</c> meter of one node (tests run nodes side by side in one process, so instruments
/// are told apart by the node's <see cref="IMeterFactory"/>, the meter's scope).
/// </summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();

    private MetricRecorder(HubNode node)
    {
        var factory = node.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HubMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Measurements.Add(new Measured(instrument.Name, value)));
        _listener.Start();
    }

    public EventLog<Measured> Measurements { get; } = new();

    public static MetricRecorder Start(HubNode node) => new(node);

    /// <summary>Waits until the counter's measurements add up to at least <paramref name="total"/>.</summary>
    public Task WaitForTotalAsync(string instrument, long total) =>
        Measurements.WaitUntilAsync(all => Sum(all, instrument) >= total, $"{instrument} ≥ {total}");

    public long Total(string instrument) => Sum(Measurements.Snapshot(), instrument);

    /// <summary>Reads the observable instruments (gauges) now and returns the latest value of <paramref name="instrument"/>.</summary>
    public long? Observe(string instrument)
    {
        _listener.RecordObservableInstruments();
        return Measurements.Snapshot().LastOrDefault(m => m.Instrument == instrument)?.Value;
    }

    public void Dispose() => _listener.Dispose();

    private static long Sum(IReadOnlyList<Measured> measurements, string instrument) =>
        measurements.Where(m => m.Instrument == instrument).Sum(m => m.Value);

    public sealed record Measured(string Instrument, long Value);
}
