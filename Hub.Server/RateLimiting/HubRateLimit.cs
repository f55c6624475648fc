namespace RealtimeHub.Server.RateLimiting;

/// <summary>
/// Which limits the <see cref="RateLimitedAttribute"/> methods of one hub type get: each feature registers one for its
/// hub (<see cref="RateLimitingServiceCollectionExtensions.AddHubRateLimit{THub}"/>), read anew for each new connection.
/// </summary>
public sealed record HubRateLimit(Type HubType, Func<RateLimitOptions> Current);
