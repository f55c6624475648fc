using System.ComponentModel.DataAnnotations;
using RealtimeHub.Contracts.Live;

namespace RealtimeHub.Server.Live;

/// <summary>Live feeds (CONTRACT §9), bound from the <c>Live</c> configuration section.</summary>
public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>How often a watch may receive a batch: every node's one ticker wakes watches this often. Default 100 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A watch's deliveries per key per second when it names none. Default 10.</summary>
    [Range(LiveLimits.MinMaxPerSecond, LiveLimits.MaxMaxPerSecond)]
    public double DefaultMaxPerSecond { get; set; } = 10;

    /// <summary>Watches one connection may hold at once. Default 20.</summary>
    [Range(1, 10_000)]
    public int MaxWatchesPerConnection { get; set; } = 20;

    /// <summary>
    /// Publishes the simulated market feed <c>quotes</c> (<see cref="LiveDemoService"/>). Default true in Development,
    /// else false (null until <see cref="LiveOptionsSetup"/> fills it in).
    /// </summary>
    public bool? Demo { get; set; }
}
