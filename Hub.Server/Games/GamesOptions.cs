using System.ComponentModel.DataAnnotations;

namespace RealtimeHub.Server.Games;

/// <summary>Multiplayer matches (section 11), bound from the <c>Games</c> configuration section.</summary>
public sealed class GamesOptions : IValidatableObject
{
    public const string SectionName = "Games";

    /// <summary>Players one match seats, those within their reconnect grace included. Default 8.</summary>
    [Range(1, 1_000)]
    public int SeatsPerMatch { get; set; } = 8;

    /// <summary>Simulation steps per second; the tick count is a match's clock. Default 20.</summary>
    [Range(1, 1_000)]
    public int TickRate { get; set; } = 20;

    /// <summary>How often each player gets a <c>MatchState</c> delta, rounded to whole ticks and at least one tick. Default 100 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan StateInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often each match sends its <c>Scoreboard</c>, rounded to whole ticks and at least one tick. Default 500 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan ScoreboardInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How far from a player (in the kind's units; arena: field units) it sees entities. Default 300.</summary>
    [Range(1, 1_000_000)]
    public double ViewRadius { get; set; } = 300;

    /// <summary>How long a player who lost its connection keeps its seat. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ReconnectGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Inputs per player per second; more are dropped with <c>rate limited</c>. Default 60.</summary>
    [Range(1, 10_000)]
    public int MaxInputsPerSecond { get; set; } = 60;

    /// <summary>Arena: the most field units a player moves per second, whatever its input rate. Default 200.</summary>
    [Range(0, 1_000_000)]
    public double ArenaSpeed { get; set; } = 200;

    /// <summary>Arena: length of a round, rounded to whole ticks; scores then reset and the match goes on. Default 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RoundLength { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>One tick's length: 1 / <see cref="TickRate"/>.</summary>
    public TimeSpan TickPeriod => TimeSpan.FromTicks(TimeSpan.TicksPerSecond / TickRate);

    /// <summary>Whole ticks in <paramref name="span"/> at <see cref="TickRate"/>, at least one.</summary>
    public int TicksIn(TimeSpan span) => (int)Math.Max(1, Math.Round(span.TotalSeconds * TickRate));

    /// <summary>
    /// Refuses intervals shorter than one tick: the loop acts only on ticks, so a shorter interval could not be kept
    /// and would silently become one tick.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TickRate <= 0)
        {
            yield break; // the range check reports it
        }

        (string Key, TimeSpan Value)[] intervals =
            [(nameof(StateInterval), StateInterval), (nameof(ScoreboardInterval), ScoreboardInterval), (nameof(RoundLength), RoundLength)];
        foreach (var (key, value) in intervals.Where(i => i.Value < TickPeriod))
        {
            yield return new ValidationResult($"Games:{key} ({value}) must be at least one tick (1 / Games:TickRate = {TickPeriod}).", [key]);
        }
    }
}
