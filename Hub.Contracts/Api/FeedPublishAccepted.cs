namespace RealtimeHub.Contracts.Api;

/// <summary>The 202 answer to a publish: how many entries the request held.</summary>
public sealed record FeedPublishAccepted(int Accepted);
