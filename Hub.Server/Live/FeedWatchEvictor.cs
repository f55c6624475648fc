using RealtimeHub.Server.Access;
using RealtimeHub.Server.Authentication;
using RealtimeHub.Server.Live.Internal;

namespace RealtimeHub.Server.Live;

/// <summary>
/// Ends this node's watches of a feed whose users may no longer see it (made private, or a grant revoked), at once
/// and with <c>forbidden feed</c>; the connections stay.
/// </summary>
internal sealed class FeedWatchEvictor(WatchRegistry watches, IAccessControl access, ILogger<FeedWatchEvictor> logger) : IAccessObserver
{
    public AccessKind Kind => AccessKind.Feed;

    public async Task OnChangedAsync(AccessChange change, CancellationToken cancellationToken)
    {
        foreach (var watch in watches.Of(change.Name, change.UserId))
        {
            var request = watch.Request;
            if (!await access.AdmitsAsync(Kind, request.Feed, request.UserId, request.Principal.Names(Kind, request.Feed), cancellationToken))
            {
                watch.End(LiveHubErrors.ForbiddenFeed(request.Feed));
                LiveLog.WatchForbidden(logger, request.Feed, request.ConnectionId, request.UserId);
            }
        }
    }
}
