namespace RealtimeHub.Cli.Live;

/// <summary>What <see cref="FeedPublisher"/> did: updates the server accepted, in how many requests, and input lines it skipped as invalid.</summary>
internal sealed record FeedPublishReport(long Published, long Requests, long Invalid);
