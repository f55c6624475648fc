using RealtimeHub.Server.RateLimiting;

namespace RealtimeHub.Server.Games.Internal;

/// <summary>A seated player as this node sees it: its connections here, and its input budget (one per player and node).</summary>
internal sealed class LocalSeat(string playerId, TokenBucket inputs)
{
    public string PlayerId { get; } = playerId;

    public TokenBucket Inputs { get; } = inputs;

    /// <summary>This node's connections of the player that get the match's states; replaced whole, so readers need no lock.</summary>
    public string[] Connections { get; set; } = [];

    /// <summary>The match's tick when the player last joined through this node: a state frame older than that may not know it yet.</summary>
    public long JoinedAtTick { get; set; }

    /// <summary>
    /// Set when this node's link to the others broke: states may have been lost, so the player's connections get no
    /// delta until a full one comes (asked for with every state until then).
    /// </summary>
    public bool NeedsFullState { get; set; }
}
