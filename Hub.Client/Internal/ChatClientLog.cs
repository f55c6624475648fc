using Microsoft.Extensions.Logging;

namespace RealtimeHub.Client.Internal;

internal static partial class ChatClientLog
{
    [LoggerMessage(1, LogLevel.Information, "Chat client state: {State} (attempt {Attempt}).")]
    public static partial void StateChanged(ILogger logger, ChatConnectionState state, int attempt);

    [LoggerMessage(2, LogLevel.Warning, "An event handler of the client threw.")]
    public static partial void EventHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Debug, "Rejoined room {Room}; resuming after sequence {Sequence}.")]
    public static partial void Rejoined(ILogger logger, string room, long sequence);

    [LoggerMessage(4, LogLevel.Information, "Room {Room} is in a new epoch {Epoch} (the server lost its history); following it from its first message.")]
    public static partial void NewEpoch(ILogger logger, string room, string epoch);

    [LoggerMessage(5, LogLevel.Warning, "Could not rejoin room {Room}; it is dropped from the client's rooms.")]
    public static partial void RejoinRefused(ILogger logger, string room, Exception exception);

    [LoggerMessage(6, LogLevel.Debug, "Recovering rooms stopped: the connection went away again.")]
    public static partial void RecoveryInterrupted(ILogger logger, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "Messages after sequence {Sequence} in room {Room} are no longer in history; skipping the gap.")]
    public static partial void GapSkipped(ILogger logger, string room, long sequence);

    [LoggerMessage(8, LogLevel.Debug, "Filling a gap in room {Room} failed.")]
    public static partial void GapRepairFailed(ILogger logger, string room, Exception exception);

    [LoggerMessage(9, LogLevel.Debug, "A send's outcome is unknown (connection lost mid-call); it will be retried after reconnecting.")]
    public static partial void SendRequeued(ILogger logger, Exception exception);

    [LoggerMessage(12, LogLevel.Warning, "Rejoining room {Room} failed for now; retrying.")]
    public static partial void RecoveryRetrying(ILogger logger, string room, Exception exception);

    [LoggerMessage(13, LogLevel.Debug, "A queued send was refused as rate limited; sending it again in {DelayMs} ms.")]
    public static partial void SendRateLimited(ILogger logger, double delayMs);
}
