using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Server.Chat;
using RealtimeHub.Server.Diagnostics;

namespace RealtimeHub.Server.RateLimiting;

/// <summary>
/// Applies a per-connection <see cref="TokenBucket"/> to hub methods marked <see cref="RateLimitedAttribute"/>, with the
/// limits its hub registered (<see cref="HubRateLimit"/>). A refused call fails with <c>rate limited</c>; a client that
/// keeps calling past <see cref="RateLimitOptions.DisconnectAfterRefusals"/> refusals in a row is disconnected.
/// </summary>
public sealed class RateLimitingHubFilter(
    IEnumerable<HubRateLimit> limits,
    TimeProvider time,
    HubMetrics metrics,
    ILogger<RateLimitingHubFilter> logger) : IHubFilter
{
    private static readonly object BucketKey = new();
    private static readonly ConcurrentDictionary<MethodInfo, bool> LimitedMethods = new();

    private readonly Dictionary<Type, Func<RateLimitOptions>> _limits = limits.ToDictionary(l => l.HubType, l => l.Current);

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (!LimitedMethods.GetOrAdd(invocationContext.HubMethod, static m => m.IsDefined(typeof(RateLimitedAttribute))))
        {
            return next(invocationContext);
        }

        var context = invocationContext.Context;
        var (bucket, disconnectAfter) = BucketFor(context, invocationContext.Hub.GetType());
        if (bucket.TryTake())
        {
            return next(invocationContext);
        }

        metrics.RateLimitRefused();
        if (bucket.RefusalsInARow >= disconnectAfter)
        {
            RateLimitLog.Disconnecting(logger, context.ConnectionId, context.UserIdentifier, bucket.RefusalsInARow);
            context.Abort();
        }

        throw HubErrors.RateLimited();
    }

    private (TokenBucket Bucket, int DisconnectAfter) BucketFor(HubCallerContext context, Type hub)
    {
        // One connection's invocations run one at a time by default, but a lock-free read keeps this safe if that changes.
        if (context.Items.TryGetValue(BucketKey, out var existing) && existing is ValueTuple<TokenBucket, int> known)
        {
            return known;
        }

        var limits = _limits.TryGetValue(hub, out var current)
            ? current()
            : throw new InvalidOperationException($"{hub.Name} has rate-limited methods but registered no limits (AddHubRateLimit).");
        var bucket = (new TokenBucket(limits.PerSecond, limits.Burst, time), limits.DisconnectAfterRefusals);
        context.Items[BucketKey] = bucket;
        return bucket;
    }
}
