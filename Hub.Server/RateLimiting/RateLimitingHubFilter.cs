using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RealtimeHub.Server.Chat;
using RealtimeHub.Server.Diagnostics;

namespace RealtimeHub.Server.RateLimiting;

/// <summary>
/// Applies a per-connection <see cref="TokenBucket"/> to hub methods marked <see cref="RateLimitedAttribute"/>.
/// A refused call fails with <c>rate limited</c>; a client that keeps calling past
/// <see cref="RateLimitOptions.DisconnectAfterRefusals"/> refusals in a row is disconnected.
/// </summary>
public sealed class RateLimitingHubFilter(
    IOptionsMonitor<ChatOptions> options,
    TimeProvider time,
    HubMetrics metrics,
    ILogger<RateLimitingHubFilter> logger) : IHubFilter
{
    private static readonly object BucketKey = new();
    private static readonly ConcurrentDictionary<MethodInfo, bool> LimitedMethods = new();

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (!LimitedMethods.GetOrAdd(invocationContext.HubMethod, static m => m.IsDefined(typeof(RateLimitedAttribute))))
        {
            return next(invocationContext);
        }

        var context = invocationContext.Context;
        var bucket = BucketFor(context);
        if (bucket.TryTake())
        {
            return next(invocationContext);
        }

        metrics.RateLimitRefused();
        if (bucket.RefusalsInARow >= options.CurrentValue.RateLimit.DisconnectAfterRefusals)
        {
            RateLimitLog.Disconnecting(logger, context.ConnectionId, context.UserIdentifier, bucket.RefusalsInARow);
            context.Abort();
        }

        throw HubErrors.RateLimited();
    }

    private TokenBucket BucketFor(HubCallerContext context)
    {
        // One connection's invocations run one at a time by default, but a lock-free read keeps this safe if that changes.
        if (context.Items.TryGetValue(BucketKey, out var existing) && existing is TokenBucket bucket)
        {
            return bucket;
        }

        var limits = options.CurrentValue.RateLimit;
        bucket = new TokenBucket(limits.PerSecond, limits.Burst, time);
        context.Items[BucketKey] = bucket;
        return bucket;
    }
}
