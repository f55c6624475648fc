using System.ComponentModel.DataAnnotations;

namespace RealtimeHub.Server.Shutdown;

/// <summary>Graceful shutdown, bound from the <c>Shutdown</c> configuration section.</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    /// <summary>
    /// How long the drain waits, after telling every client to reconnect elsewhere, for their connections to close and
    /// leave presence. Clients that behave are gone in well under a second. Default: 10 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <see cref="HostOptions.ShutdownTimeout"/>: how long the host's own stop (Kestrel, background services) may
    /// take after the drain. Default: 15 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
