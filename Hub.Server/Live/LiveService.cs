using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Server.Access;
using RealtimeHub.Server.Live.Internal;

namespace RealtimeHub.Server.Live;

/// <summary>
/// What <see cref="LiveHub"/>'s <c>Watch</c> does: checks the call at once (a refused watch holds no slot), then
/// returns the watch stream, which checks access and takes its snapshot when SignalR starts reading it.
/// </summary>
public sealed class LiveService
{
    private readonly LiveOptions _options;

    internal LiveService(
        IOptions<LiveOptions> options, FeedTables tables, LiveTicker ticker, WatchRegistry registry,
        IAccessControl access, TimeProvider time, ILogger<LiveService> logger)
    {
        _options = options.Value;
        Tables = tables;
        Ticker = ticker;
        Registry = registry;
        Access = access;
        Time = time;
        Logger = logger;
    }

    internal FeedTables Tables { get; }

    internal LiveTicker Ticker { get; }

    internal WatchRegistry Registry { get; }

    internal IAccessControl Access { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    public IAsyncEnumerable<FeedBatch> Watch(HubCallerContext caller, string feed, string[]? keys, double? maxPerSecond, CancellationToken cancellationToken)
    {
        LiveInput.CheckFeed(feed);
        var watched = LiveInput.WatchKeys(keys);
        var rate = LiveInput.Rate(maxPerSecond, _options.DefaultMaxPerSecond);
        var slot = WatchSlots.Of(caller).TryTake(_options.MaxWatchesPerConnection) ?? throw LiveHubErrors.TooManyWatches(_options.MaxWatchesPerConnection);

        // Cancelling runs this at once, before the connection's next call is read: a cancelled watch's slot is free for it.
        cancellationToken.Register(slot.Release);
        var minInterval = (long)(Time.TimestampFrequency / rate);
        var userId = caller.UserIdentifier ?? throw new HubException("invalid user: the token has no subject");
        return new FeedWatch(this, new WatchRequest(feed, watched, minInterval, caller.ConnectionId, userId, caller.User), slot);
    }
}
