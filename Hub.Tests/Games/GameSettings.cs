namespace RealtimeHub.Tests.Games;

/// <summary>
/// The <c>Games</c> settings of the games fixtures: the contract's intervals and rates, with fewer seats (a full match
/// costs four connections), a view that covers the whole field (so players always see each other), short rounds (so
/// a round ends within a test) and a quicker upkeep (empty matches end, and a lease moves, within about a second).
/// </summary>
public static class GameSettings
{
    public const int Seats = 4;

    public const int TickRate = 20;

    public const double ArenaSpeed = 200;

    public const int MaxInputsPerSecond = 60;

    public static IReadOnlyDictionary<string, string?> Behaviour { get; } = new Dictionary<string, string?>
    {
        ["Games:SeatsPerMatch"] = Seats.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Games:ViewRadius"] = "1500",
        ["Games:ScoreboardInterval"] = "00:00:00.200",
        ["Games:RoundLength"] = "00:00:03",
        ["Games:SaveInterval"] = "00:00:00.500",
        ["Games:LeaseDuration"] = "00:00:02",
    };
}
