using System.ComponentModel.DataAnnotations;

namespace RealtimeHub.Server.Redis;

/// <summary>Bound from the <c>Redis</c> configuration section. An empty <see cref="Configuration"/> means embedded mode.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary><c>host:port</c> with optional <c>,password=…</c>, <c>,user=…</c>, <c>,ssl=true</c>, <c>,connectTimeout=ms</c>. Default empty (embedded mode).</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every Redis key and channel, so several apps can share one Redis. Default <c>realtimehub</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$")]
    public string ChannelPrefix { get; set; } = "realtimehub";

    /// <summary>How long adding or removing a connection held by another node may wait for that node's acknowledgement. Default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);
}
