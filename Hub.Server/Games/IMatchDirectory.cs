namespace RealtimeHub.Server.Games;

/// <summary>
/// Which matches exist, who holds their seats (the authority: a running match seats exactly these players), and which node runs each: shared by every node (Redis), or the one
/// node's own (embedded). Every call is atomic, so two nodes never sell one seat twice. A seat lives until its
/// deadline: nodes holding the player's connections push it forward (<see cref="MaintainAsync"/>); a lost connection
/// leaves it <c>Games:ReconnectGrace</c> to come back (<see cref="ReleaseAsync"/>). A node's claim on a match (its
/// lease here) lives as long as the node renews it; an expired one is offered to the others (orphans).
/// </summary>
public interface IMatchDirectory
{
    /// <summary>
    /// The player's seat in a match of <paramref name="kind"/>: the one it still holds, else one in the fullest match
    /// with a free seat, else a new match <paramref name="newMatchId"/> that this node runs (<see cref="SeatClaim.Created"/>).
    /// </summary>
    Task<SeatClaim> FindSeatAsync(string kind, string playerId, string name, string newMatchId, CancellationToken cancellationToken);

    /// <summary>
    /// A seat in that match: the player's own when it holds one there, else a free one (the player's seat in another
    /// match of the kind is then given up: <see cref="SeatClaim.LeftMatchId"/>). <see cref="SeatOutcome.Full"/> or <see cref="SeatOutcome.NoSuchMatch"/> otherwise.
    /// </summary>
    Task<SeatClaim> JoinSeatAsync(string kind, string matchId, string playerId, string name, CancellationToken cancellationToken);

    /// <summary>Frees the player's seat in the match; false when it held none.</summary>
    Task<bool> LeaveSeatAsync(string kind, string matchId, string playerId, CancellationToken cancellationToken);

    /// <summary>The players lost their last connection on this node: their seats are kept for <c>Games:ReconnectGrace</c> from now.</summary>
    Task ReleaseAsync(string kind, IReadOnlyList<SeatRef> seats, CancellationToken cancellationToken);

    /// <summary>
    /// Once per <c>Games:SaveInterval</c>: pushes forward the seats of players connected here, renews this node's lease
    /// on the matches it runs and frees their lapsed seats, and names the matches whose lease ran out elsewhere.
    /// </summary>
    Task<DirectoryUpkeep> MaintainAsync(string kind, IReadOnlyList<SeatRef> connected, IReadOnlyList<string> owned, CancellationToken cancellationToken);

    /// <summary>
    /// Makes this node the one running an orphaned match (after it took the match's lease) and returns who holds its seats
    /// (player → name), which the resumed match seats; null when the match is gone or someone else renewed it.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>?> AdoptAsync(string kind, string matchId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a running match back after the directory lost it (Redis restarted empty): this node runs it, and its
    /// players hold their seats again unless they took one elsewhere meanwhile.
    /// </summary>
    Task RegisterAsync(string kind, string matchId, IReadOnlyList<(string PlayerId, string Name)> players, CancellationToken cancellationToken);

    /// <summary>Removes the match if this node runs it and no seat is held (or <paramref name="force"/>: every seat is freed); true when it is gone.</summary>
    Task<bool> EndAsync(string kind, string matchId, bool force, CancellationToken cancellationToken);

    /// <summary>This node stops running the match (it shuts down): its lease ends now, so another node takes it at once.</summary>
    Task HandOffAsync(string kind, string matchId, CancellationToken cancellationToken);
}
