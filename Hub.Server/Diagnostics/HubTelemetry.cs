namespace RealtimeHub.Server.Diagnostics;

/// <summary>The meters and activity sources a node exports over OTLP.</summary>
public static class HubTelemetry
{
    /// <summary>The service name in exported telemetry, unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "realtimehub";

    /// <summary>
    /// SignalR's own activity source (since .NET 9): one span per hub method invocation, tagged with
    /// <c>rpc.method</c> and <c>rpc.service</c>, never with the arguments, so no message text leaves the node.
    /// </summary>
    public const string SignalRActivitySource = "Microsoft.AspNetCore.SignalR.Server";

    public static IReadOnlyList<string> Meters { get; } =
    [
        HubMetrics.MeterName,
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Hosting",
        "System.Runtime",
    ];

    public static IReadOnlyList<string> ActivitySources { get; } =
    [
        "Microsoft.AspNetCore", // HTTP requests: negotiate, the WebSocket upgrade, /auth/token
        SignalRActivitySource,
    ];
}
