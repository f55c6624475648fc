namespace RealtimeHub.Server.Diagnostics;

/// <summary>
/// The node's own meters and activity sources, exported over OTLP beside what OpenTelemetry's ASP.NET Core and
/// runtime instrumentation bring (HTTP server spans; the <c>Microsoft.AspNetCore.*</c> meters, Kestrel's and
/// SignalR's connection meters among them; <c>System.Runtime</c>).
/// </summary>
public static class HubTelemetry
{
    /// <summary>The service name in exported telemetry, unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "realtimehub";

    /// <summary>
    /// SignalR's own activity source (since .NET 9): one span per hub method invocation, tagged with
    /// <c>rpc.method</c> and <c>rpc.service</c>, never with the arguments, so no message text leaves the node.
    /// </summary>
    public const string SignalRActivitySource = "Microsoft.AspNetCore.SignalR.Server";

    public static IReadOnlyList<string> Meters { get; } = [HubMetrics.MeterName];

    public static IReadOnlyList<string> ActivitySources { get; } = [SignalRActivitySource];
}
