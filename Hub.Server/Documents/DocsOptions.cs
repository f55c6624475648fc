using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts.Documents;
using RealtimeHub.Server.RateLimiting;

namespace RealtimeHub.Server.Documents;

/// <summary>Limits of collaborative documents, bound from the <c>Docs</c> configuration section.</summary>
public sealed class DocsOptions
{
    public const string SectionName = "Docs";

    /// <summary>
    /// Largest update or snapshot, in raw bytes; larger ones are refused with <c>invalid update</c>. The document hub's
    /// receive limit is this in base64 plus room for the frame. Default 1048576 (1 MiB).
    /// </summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxUpdateBytes { get; set; } = DocumentLimits.DefaultMaxUpdateBytes;

    /// <summary>Updates since the snapshot past which one writer in the document is asked for a snapshot. Default 500.</summary>
    [Range(1, 1_000_000)]
    public int CompactAfter { get; set; } = 500;

    /// <summary>
    /// How long a snapshot request is left to the writer it went to before another push past <see cref="CompactAfter"/>
    /// asks again (that writer may have closed its tab). Default 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan SnapshotRequestInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Documents one connection may have open at once; one more is refused with <c>invalid document</c>. Default 20.</summary>
    [Range(1, 10_000)]
    public int MaxDocumentsPerConnection { get; set; } = 20;

    /// <summary>
    /// How many of a document's newest updates keep their clientUpdateId, so a retry is recognised even after the
    /// update was compacted into the snapshot. Default 10,000.
    /// </summary>
    [Range(1, 10_000_000)]
    public int ClientUpdateIdsKept { get; set; } = 10_000;

    /// <summary>Per-connection rate limit for PushUpdate, PushAwareness and SubmitSnapshot. Default 30 per second, bursts of 60.</summary>
    [Required]
    [ValidateObjectMembers]
    public RateLimitOptions RateLimit { get; set; } = new() { PerSecond = 30, Burst = 60 };

    /// <summary>The hub's receive limit: <see cref="MaxUpdateBytes"/> as base64 (JSON), plus 8 KiB for the rest of the frame.</summary>
    public long MaximumReceiveMessageSize => (((long)MaxUpdateBytes + 2) / 3 * 4) + (8 * 1024);
}
