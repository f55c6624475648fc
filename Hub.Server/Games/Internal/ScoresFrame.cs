using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Server.Games.Internal;

/// <summary>From the match's node: the scoreboard, or a round's final scores when <see cref="RoundEnded"/>.</summary>
public sealed record ScoresFrame(string Origin, Score[] Scores, bool RoundEnded) : MatchBusMessage(Origin);
