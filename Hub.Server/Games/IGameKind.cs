namespace RealtimeHub.Server.Games;

/// <summary>
/// A game kind is one class: its instances are matches (<see cref="IMatchSimulation"/>), and its static members name the
/// kind, read inputs, and create or restore a match. Register it with
/// <see cref="GamesServiceCollectionExtensions.AddGameKind{TKind}"/>.
/// </summary>
/// <typeparam name="TSelf">The kind's own class.</typeparam>
public interface IGameKind<TSelf> : IMatchSimulation
    where TSelf : IGameKind<TSelf>
{
    /// <summary>The name <c>FindMatch(kind)</c> takes, e.g. <c>arena</c>.</summary>
    static abstract string Name { get; }

    /// <summary>
    /// Reads one client input by the kind's rules: clamps what is out of range and ignores fields it does not know. Never
    /// throws: what cannot be read counts as a neutral input. Called off the simulation's thread, so it must be pure.
    /// </summary>
    static abstract object ParseInput(MatchInput input);

    /// <summary>A new match whose randomness all comes from <paramref name="seed"/>.</summary>
    static abstract TSelf Create(MatchSetup setup, ulong seed);

    /// <summary>A match that goes on from what <see cref="IMatchSimulation.Save"/> returned, its entities set again in <see cref="MatchSetup.Entities"/>.</summary>
    static abstract TSelf Restore(MatchSetup setup, ReadOnlySpan<byte> state);
}
