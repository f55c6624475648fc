namespace RealtimeHub.Server.Games.Internal;

/// <summary>A match this node runs, with the lock that keeps what it sends its players in order.</summary>
internal sealed class HostedGame(Match match, Action<Exception> sendFailed)
{
    public Match Match { get; } = match;

    /// <summary>The match's states and scores on their way out, in tick order, each sent under <see cref="Outbox"/>.</summary>
    public SendQueue Sends { get; } = new(sendFailed);

    /// <summary>
    /// Held while seating a player together with sending its full view, and while handing out a state frame: a frame
    /// made after a seat was taken then always follows the view it builds on, locally and on the players channel.
    /// </summary>
    public Lock Outbox { get; } = new();

    /// <summary>When each player last joined (a timestamp), under <see cref="Outbox"/>: a directory read older than that may not know the seat yet.</summary>
    public Dictionary<string, long> LastJoin { get; } = new(StringComparer.Ordinal);

    /// <summary>When each player last left, under <see cref="Outbox"/>: a directory read older than that may still list the seat.</summary>
    public Dictionary<string, long> LastLeave { get; } = new(StringComparer.Ordinal);
}
