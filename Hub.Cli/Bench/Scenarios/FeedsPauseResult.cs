namespace RealtimeHub.Cli.Bench.Scenarios;

/// <summary>
/// The pause: the other watchers' window while one watcher read nothing, the RSS of that watcher's node (and of the
/// other node, as a control) at the start, peak and end, what the kernel held for the paused connection at the end,
/// whether the server had closed it by then, and after resuming: the time until it received a value younger than the
/// latency goal, and the bytes it read meanwhile.
/// </summary>
internal sealed record FeedsPauseResult(
    FeedsWindowResult Others, long? RssBefore, long? RssPeak, long? RssAfter, long? ControlRssBefore, long? ControlRssAfter,
    long? KernelQueuedBytes, bool Closed, double? CatchUpMs, long BytesAfterResume);
