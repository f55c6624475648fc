namespace RealtimeHub.Server.Games;

/// <summary>
/// What one player sees: the placed entities within <see cref="Radius"/> of (<see cref="X"/>, <see cref="Y"/>), and
/// every entity without a place. <see cref="Everything"/> sees all entities (a kind without space, such as a card game).
/// </summary>
public readonly record struct MatchView(double X, double Y, double Radius)
{
    public static MatchView Everything { get; } = new(0, 0, double.PositiveInfinity);

    public bool SeesEverything => double.IsPositiveInfinity(Radius);
}
