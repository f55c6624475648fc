namespace RealtimeHub.Server.Diagnostics;

/// <summary>Bound from the <c>Diagnostics</c> configuration section.</summary>
public sealed class DiagnosticsOptions
{
    public const string SectionName = "Diagnostics";

    /// <summary>
    /// How often the <c>realtimehub.users.online</c> and <c>realtimehub.rooms</c> gauges are recounted from presence
    /// (in Redis mode, one small Redis call per node). <c>/stats</c> recounts on every request as well.
    /// Default: 15 seconds.
    /// </summary>
    public TimeSpan PresenceCountInterval { get; set; } = TimeSpan.FromSeconds(15);
}
