using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Diagnostics;

public sealed class OtlpExportTests
{
    [Fact]
    public async Task MetricsAndTracesAreExportedOverOtlpWhenAnEndpointIsSet()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        await using var node = await HubNode.StartAsync(new HubNodeOptions
        {
            Settings =
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            },
        });
        var room = Unique.Name("exported");
        await using var alice = await HubProbe.ConnectAsync(node, Unique.Name("alice"));
        await alice.JoinRoomAsync(room);
        await alice.SendMessageAsync(room, "hello");

        await collector.Exports.WaitUntilAsync(paths => paths.Contains("/v1/metrics") && paths.Contains("/v1/traces"), "metrics and traces exports");
    }

    [Fact]
    public async Task NothingIsExportedWithoutAnEndpoint()
    {
        await using var node = await HubNode.StartAsync();

        // No SDK at all: without an exporter it would only cost (every request and hub call sampled).
        Assert.Null(node.Services.GetService<MeterProvider>());
        Assert.Null(node.Services.GetService<TracerProvider>());
    }
}
