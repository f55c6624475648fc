namespace RealtimeHub.Server.Games.Arena;

/// <summary>
/// A player's wish to move: <c>{ "dx", "dy" }</c>, each clamped to −1…1, every other field (a position, a score)
/// ignored, anything unreadable as 0. Held until the next input: a player keeps moving while its key is down.
/// </summary>
public readonly record struct ArenaInput(double Dx, double Dy)
{
    public static ArenaInput Read(MatchInput input) =>
        new(Math.Clamp(input.Number("dx"), -1, 1), Math.Clamp(input.Number("dy"), -1, 1));
}
