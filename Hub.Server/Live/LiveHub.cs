using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts.Live;

namespace RealtimeHub.Server.Live;

/// <summary>The hub at <c>/hubs/live</c>. Thin on purpose: identity comes from the token, the work from <see cref="LiveService"/>.</summary>
[Authorize]
public sealed class LiveHub(LiveService live) : Hub, ILiveHub
{
    public IAsyncEnumerable<FeedBatch> Watch(string feed, string[]? keys, double? maxPerSecond, CancellationToken cancellationToken) =>
        live.Watch(Context, feed, keys, maxPerSecond, cancellationToken);
}
