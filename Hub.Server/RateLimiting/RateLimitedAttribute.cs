namespace RealtimeHub.Server.RateLimiting;

/// <summary>Marks a hub method as counted against the caller connection's token bucket.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RateLimitedAttribute : Attribute;
