using RealtimeHub.Server.Games;
using RealtimeHub.Server.Games.Arena;

namespace RealtimeHub.Tests.Games;

/// <summary>Options, kinds and matches for the games tests, with the defaults unless a test changes them.</summary>
internal static class GameTestSetup
{
    public static GamesOptions Options(Action<GamesOptions>? configure = null)
    {
        var options = new GamesOptions();
        configure?.Invoke(options);
        return options;
    }

    public static GameKindCatalog Kinds { get; } = new([GameKind.Of<ArenaMatch>(), GameKind.Of<TallyKind>()]);

    public static Match Arena(GamesOptions? options = null, ulong seed = 1) =>
        Match.Create("m1", GameKind.Of<ArenaMatch>(), options ?? Options(), seed);

    /// <summary>An arena straight on its entity table, without the match host around it.</summary>
    public static (ArenaMatch Arena, MatchEntities Entities) BareArena(GamesOptions? options = null, ulong seed = 1)
    {
        options ??= Options();
        var entities = new MatchEntities(options.ViewRadius);
        return (ArenaMatch.Create(new MatchSetup(options, entities), seed), entities);
    }

    public static MatchInput Input(double dx, double dy) => new(new Dictionary<string, object?> { ["dx"] = dx, ["dy"] = dy });
}
