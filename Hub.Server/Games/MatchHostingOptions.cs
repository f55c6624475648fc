using System.ComponentModel.DataAnnotations;

namespace RealtimeHub.Server.Games;

/// <summary>
/// How a node owns the matches it runs, bound from the <c>Games</c> section beside <see cref="GamesOptions"/>. A node
/// saves each match and renews its lease every <see cref="SaveInterval"/>; a lease not renewed for
/// <see cref="LeaseDuration"/> lets another node resume the match from its last save: the others look again just after a
/// lease runs out, so with the defaults a dead node's matches run again 2 to 3 s after it died.
/// </summary>
public sealed class MatchHostingOptions : IValidatableObject
{
    public const string SectionName = GamesOptions.SectionName;

    /// <summary>How often the node saves each match it runs and renews its lease; a failover loses at most this much play. Default 1 s (section 11: at most 1 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:01")]
    public TimeSpan SaveInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a lease lasts unless renewed; then another node may take the match. Default 3 s; at least 2 × <see cref="SaveInterval"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long <c>FindMatch</c> or <c>JoinMatch</c> waits for the node running the match (through a failover) before answering <c>unavailable</c>. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan JoinTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A lease must outlive at least two renewals, so one slow renewal does not hand a running match away.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LeaseDuration < SaveInterval * 2)
        {
            yield return new ValidationResult(
                $"Games:LeaseDuration ({LeaseDuration}) must be at least twice Games:SaveInterval ({SaveInterval}).", [nameof(LeaseDuration)]);
        }
    }
}
