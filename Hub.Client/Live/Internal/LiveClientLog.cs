using Microsoft.Extensions.Logging;

namespace RealtimeHub.Client.Live.Internal;

internal static partial class LiveClientLog
{
    [LoggerMessage(1, LogLevel.Information, "Live client state: {State} (attempt {Attempt}).")]
    public static partial void StateChanged(ILogger logger, ChatConnectionState state, int attempt);

    [LoggerMessage(2, LogLevel.Debug, "Watching feed {Feed}.")]
    public static partial void Watching(ILogger logger, string feed);

    [LoggerMessage(3, LogLevel.Warning, "The hub refused to watch feed {Feed}.")]
    public static partial void WatchRefused(ILogger logger, string feed, Exception exception);

    [LoggerMessage(4, LogLevel.Debug, "Watching feed {Feed} was interrupted; watching again once connected.")]
    public static partial void WatchInterrupted(ILogger logger, string feed, Exception exception);

    [LoggerMessage(5, LogLevel.Information, "Watching feed {Feed} stopped ({Reason}); watching again in {DelayMs} ms.")]
    public static partial void WatchRetrying(ILogger logger, string feed, string reason, double delayMs);

    [LoggerMessage(6, LogLevel.Warning, "Gave up watching feed {Feed} again: the retry policy allows no further attempt.")]
    public static partial void WatchGaveUp(ILogger logger, string feed, Exception exception);
}
