using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Server.Games;

/// <summary>
/// One match of a game kind: its world and rules, and nothing else. <see cref="Match"/> owns the seats, the tick count,
/// the input queue, the players' views and the saved state's envelope, and calls these methods one at a time (never
/// concurrently), so a simulation needs no locks. Everything it shows players goes through its <see cref="MatchEntities"/>.
/// </summary>
public interface IMatchSimulation
{
    /// <summary>Seats a player (called once per seat; a player who is already in the match is not seated again).</summary>
    void Join(string playerId, string name);

    /// <summary>Removes a seated player and its entities.</summary>
    void Leave(string playerId);

    /// <summary>
    /// Applies a seated player's newest input, as the kind's <see cref="IGameKind{TSelf}.ParseInput"/> made it (already
    /// clamped). Called just before <see cref="Step"/>, at most once per player per tick.
    /// </summary>
    void ApplyInput(string playerId, object input);

    /// <summary>Advances the world by one tick (1 / <c>Games:TickRate</c> seconds). Returns the round's final scores when this step ended a round, else null.</summary>
    Score[]? Step();

    /// <summary>What a seated player sees: where it stands and how far it sees.</summary>
    MatchView ViewOf(string playerId);

    /// <summary>The seated players' scores, best first.</summary>
    Score[] Scores();

    /// <summary>
    /// The whole state as bytes, for <see cref="IGameKind{TSelf}.Restore"/> on this or another node: restoring and
    /// stepping on must give exactly what stepping on without stopping gives, so every source of change (a random
    /// generator's state included) belongs in it.
    /// </summary>
    byte[] Save();
}
