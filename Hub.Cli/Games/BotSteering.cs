using System.Text.Json;
using RealtimeHub.Client.Games;
using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Cli.Games;

/// <summary>How a bot steers in the arena: straight at the nearest gem it sees, else wandering on a heading that turns now and then and away from walls.</summary>
internal sealed class BotSteering(Random random)
{
    private static readonly TimeSpan TurnEvery = TimeSpan.FromSeconds(2);
    private const double WallMargin = 30;
    private (double Dx, double Dy) _heading = (1, 0);
    private DateTime _turnAt;

    /// <summary>The input to send now: <c>{ dx, dy }</c>, a unit vector (or zero when the bot cannot see itself).</summary>
    public (double Dx, double Dy) Next(GameMatch match, DateTime now)
    {
        if (match.Self is not { } self)
        {
            return (0, 0);
        }

        var (x, y) = (self.GetProperty("x").GetDouble(), self.GetProperty("y").GetDouble());
        if (NearestGem(match.Entities, x, y) is { } gem && Unit(gem.X - x, gem.Y - y) is { } toGem)
        {
            return toGem;
        }

        if (now >= _turnAt || NearWall(x + (_heading.Dx * WallMargin), y + (_heading.Dy * WallMargin)))
        {
            var angle = random.NextDouble() * 2 * Math.PI;
            var center = GameLimits.ArenaFieldSize / 2;
            _heading = NearWall(x, y) ? Unit(center - x, center - y) ?? (1, 0) : (Math.Cos(angle), Math.Sin(angle));
            _turnAt = now + TurnEvery;
        }

        return _heading;
    }

    private static (double X, double Y)? NearestGem(IReadOnlyDictionary<string, JsonElement> entities, double x, double y)
    {
        (double X, double Y)? nearest = null;
        var best = double.MaxValue;
        foreach (var (id, value) in entities)
        {
            if (!id.StartsWith("gem:", StringComparison.Ordinal))
            {
                continue;
            }

            var (gx, gy) = (value.GetProperty("x").GetDouble(), value.GetProperty("y").GetDouble());
            var distance = ((gx - x) * (gx - x)) + ((gy - y) * (gy - y));
            if (distance < best)
            {
                (best, nearest) = (distance, (gx, gy));
            }
        }

        return nearest;
    }

    private static bool NearWall(double x, double y) =>
        x < WallMargin || y < WallMargin || x > GameLimits.ArenaFieldSize - WallMargin || y > GameLimits.ArenaFieldSize - WallMargin;

    private static (double Dx, double Dy)? Unit(double dx, double dy)
    {
        var length = Math.Sqrt((dx * dx) + (dy * dy));
        return length < 0.5 ? null : (dx / length, dy / length);
    }
}
