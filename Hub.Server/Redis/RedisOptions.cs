using System.ComponentModel.DataAnnotations;

namespace RealtimeHub.Server.Redis;

/// <summary>Bound from the <c>Redis</c> configuration section. An empty <see cref="Configuration"/> means embedded mode.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>
    /// A StackExchange.Redis configuration string (<c>host:port,password=…,user=…,ssl=true,abortConnect=…,serviceName=…</c>;
    /// several endpoints for a cluster or Sentinel), or a <c>redis://</c> / <c>rediss://</c> URL. Default empty (embedded mode).
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every Redis key and channel, so several apps can share one Redis. Default <c>realtimehub</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$")]
    public string ChannelPrefix { get; set; } = "realtimehub";

    /// <summary>Which backplane carries hub messages between nodes. Default <see cref="RedisBackplaneKind.RealtimeHub"/> (docs/ARCHITECTURE.md says why).</summary>
    public RedisBackplaneKind Backplane { get; set; } = RedisBackplaneKind.RealtimeHub;

    /// <summary>How long adding or removing a connection held by another node may wait for that node's acknowledgement. Default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);
}
