namespace RealtimeHub.Server.Diagnostics;

/// <summary>
/// The standard OpenTelemetry variables this node reads; any configuration source works
/// (environment, appsettings, command line).
/// </summary>
public static class OtlpExportOptions
{
    /// <summary>e.g. <c>http://collector:4317</c>. Empty (the default): nothing is exported.</summary>
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Overrides <see cref="HubTelemetry.ServiceName"/>.</summary>
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";

    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[EndpointKey]);
}
