using System.Text.Json.Nodes;
using RealtimeHub.Cli.Bench.Measuring;

namespace RealtimeHub.Cli.Bench;

/// <summary>One result line of schema <c>realtimehub-bench/1</c> (bench/README.md); fields keep the order they are set in.</summary>
internal sealed class BenchRecord
{
    public const string Schema = "realtimehub-bench/1";

    public JsonObject Fields { get; } = [];

    public BenchRecord Set(string name, object? value)
    {
        Fields[name] = value switch
        {
            null => null,
            JsonNode node => node,
            double d when double.IsNaN(d) || double.IsInfinity(d) => null,
            _ => JsonValue.Create(value),
        };
        return this;
    }

    public BenchRecord Latency(LatencySummary summary) => Set("p50Ms", summary.P50Ms).Set("p99Ms", summary.P99Ms).Set("p999Ms", summary.P999Ms)
        .Set("maxMs", summary.MaxMs).Set("meanMs", summary.MeanMs).Set("samples", summary.Samples);

    public BenchRecord Cpu((double? ServerCpu, double LoadgenCpu) usage) => Set("serverCpu", usage.ServerCpu).Set("loadgenCpu", usage.LoadgenCpu);

    public T? Get<T>(string name) => Fields[name] is JsonValue value && value.TryGetValue<T>(out var result) ? result : default;

    public double? Number(string name) => Fields[name] is JsonValue value && value.TryGetValue<double>(out var d) ? d
        : Fields[name] is JsonValue v && v.TryGetValue<long>(out var l) ? l
        : Fields[name] is JsonValue i && i.TryGetValue<int>(out var n) ? n : null;
}
