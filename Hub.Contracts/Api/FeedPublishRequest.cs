namespace RealtimeHub.Contracts.Api;

/// <summary>Body of <c>POST /api/v1/feeds/{feed}/updates</c>: 1–1,000 entries, applied in order; within one request only a key's last entry is applied.</summary>
public sealed record FeedPublishRequest(FeedEntry[] Updates);
