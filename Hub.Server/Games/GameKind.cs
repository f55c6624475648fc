namespace RealtimeHub.Server.Games;

/// <summary>
/// A registered game kind as a value the match host can hold: the static members of an <see cref="IGameKind{TSelf}"/>
/// class, made by <see cref="Of{TKind}"/>.
/// </summary>
public sealed class GameKind
{
    private readonly Func<MatchInput, object> _parseInput;
    private readonly Func<MatchSetup, ulong, IMatchSimulation> _create;
    private readonly Restorer _restore;

    private GameKind(string name, Func<MatchInput, object> parseInput, Func<MatchSetup, ulong, IMatchSimulation> create, Restorer restore)
    {
        Name = name;
        _parseInput = parseInput;
        _create = create;
        _restore = restore;
    }

    private delegate IMatchSimulation Restorer(MatchSetup setup, ReadOnlySpan<byte> state);

    public string Name { get; }

    public static GameKind Of<TKind>()
        where TKind : IGameKind<TKind> =>
        new(TKind.Name, TKind.ParseInput, (setup, seed) => TKind.Create(setup, seed), (setup, state) => TKind.Restore(setup, state));

    /// <inheritdoc cref="IGameKind{TSelf}.ParseInput"/>
    public object ParseInput(MatchInput input) => _parseInput(input);

    /// <inheritdoc cref="IGameKind{TSelf}.Create"/>
    public IMatchSimulation Create(MatchSetup setup, ulong seed) => _create(setup, seed);

    /// <inheritdoc cref="IGameKind{TSelf}.Restore"/>
    public IMatchSimulation Restore(MatchSetup setup, ReadOnlySpan<byte> state) => _restore(setup, state);
}
