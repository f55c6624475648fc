using Microsoft.Extensions.Logging;

namespace RealtimeHub.Client.Games.Internal;

internal static partial class GameClientLog
{
    [LoggerMessage(1, LogLevel.Information, "Game client state: {State} (attempt {Attempt}).")]
    public static partial void StateChanged(ILogger logger, ChatConnectionState state, int attempt);

    [LoggerMessage(2, LogLevel.Debug, "Took the seat in match {MatchId} back after reconnecting, at tick {Tick}.")]
    public static partial void SeatRestored(ILogger logger, string matchId, long tick);

    [LoggerMessage(3, LogLevel.Warning, "The seat in match {MatchId} could not be taken back after reconnecting; the match is dropped.")]
    public static partial void SeatLost(ILogger logger, string matchId, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Taking the seat in match {MatchId} back failed for now; retrying.")]
    public static partial void RejoinRetrying(ILogger logger, string matchId, Exception exception);

    [LoggerMessage(5, LogLevel.Debug, "Taking seats back stopped: the connection went away again.")]
    public static partial void RejoinInterrupted(ILogger logger, Exception exception);
}
