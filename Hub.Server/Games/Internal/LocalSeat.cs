using RealtimeHub.Server.RateLimiting;

namespace RealtimeHub.Server.Games.Internal;

/// <summary>A seated player as this node sees it: its connections here, and its input budget (one per player and node).</summary>
internal sealed class LocalSeat(string playerId, TokenBucket inputs)
{
    public string PlayerId { get; } = playerId;

    public TokenBucket Inputs { get; } = inputs;

    /// <summary>This node's connections of the player that get the match's states; replaced whole, so readers need no lock.</summary>
    public string[] Connections { get; set; } = [];

    /// <summary>
    /// The tick of the newest full view the player's connections here were given (its join, or a full state): a delta
    /// not newer than that was made before it, and a state frame not newer than that may not know the player yet.
    /// </summary>
    public long JoinedAtTick { get; set; }

    /// <summary>
    /// Set when this node's link to the others broke: states may have been lost, so the player's connections get no
    /// delta until a full one comes (asked for with every state until then).
    /// </summary>
    public bool NeedsFullState { get; set; }
}
