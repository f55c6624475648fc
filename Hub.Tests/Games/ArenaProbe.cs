using System.Text.Json;
using RealtimeHub.Server.Games;
using RealtimeHub.Server.Games.Arena;

namespace RealtimeHub.Tests.Games;

/// <summary>Reads an arena's exact numbers from its saved state (the entities players see are rounded to a tenth).</summary>
internal static class ArenaProbe
{
    public static (double X, double Y) Position(ArenaMatch arena, string playerId) => Position(Player(State(arena), playerId));

    /// <summary>The position inside a whole saved match (the arena's bytes are base64 in the host's envelope).</summary>
    public static (double X, double Y) Position(Match match, string playerId)
    {
        var envelope = JsonDocument.Parse(match.Save()).RootElement;
        var arena = JsonDocument.Parse(envelope.GetProperty("state").GetBytesFromBase64()).RootElement;
        return Position(Player(arena, playerId));
    }

    public static int Score(ArenaMatch arena, string playerId) => Player(State(arena), playerId).GetProperty("score").GetInt32();

    public static (int X, int Y)[] Gems(ArenaMatch arena) =>
        [.. State(arena).GetProperty("gems").EnumerateArray().Select(g => (g.GetProperty("x").GetInt32(), g.GetProperty("y").GetInt32()))];

    public static JsonElement State(ArenaMatch arena) => JsonDocument.Parse(arena.Save()).RootElement;

    /// <summary>
    /// Steers the player straight at the gem nearest to it, one input per tick, until its score goes up; returns the
    /// gem's position before it was touched, and the ticks it took.
    /// </summary>
    public static ((int X, int Y) Gem, int Ticks) WalkToNearestGem(ArenaMatch arena, string playerId)
    {
        var start = Score(arena, playerId);
        var (x, y) = Position(arena, playerId);
        var target = Gems(arena).MinBy(g => Math.Pow(g.X - x, 2) + Math.Pow(g.Y - y, 2));
        for (var ticks = 1; ticks <= 1_000; ticks++)
        {
            (x, y) = Position(arena, playerId);
            var (dx, dy) = (target.X - x, target.Y - y);
            var length = Math.Max(Math.Sqrt((dx * dx) + (dy * dy)), 1e-9);
            arena.ApplyInput(playerId, new ArenaInput(dx / length, dy / length));
            arena.Step();
            if (Score(arena, playerId) > start)
            {
                return (target, ticks);
            }
        }

        throw new InvalidOperationException("The player never reached a gem.");
    }

    private static JsonElement Player(JsonElement state, string playerId) =>
        state.GetProperty("players").EnumerateArray().Single(p => p.GetProperty("id").GetString() == playerId);

    private static (double X, double Y) Position(JsonElement player) =>
        (player.GetProperty("x").GetDouble(), player.GetProperty("y").GetDouble());
}
