using RealtimeHub.Server.Scaleout;
using RealtimeHub.Server.Scaleout.Internal;
using StackExchange.Redis;

namespace RealtimeHub.Server.Live;

/// <summary>
/// Hears the channels of the feeds this node watches (one subscription per feed, whatever its number of watchers, in
/// publish order: <see cref="ChannelSubscriptions"/>, shared with the backplane) and tells the receiver when the
/// subscription link comes back, since publications may have been missed while it was down.
/// </summary>
public sealed class RedisFeedFanout : IFeedFanout, IAsyncDisposable
{
    private readonly RedisBackplane _backplane;
    private readonly ChannelSubscriptions _subscriptions;
    private readonly ILogger _logger;
    private IFeedReceiver? _receiver;

    public RedisFeedFanout(RedisBackplane backplane, ILogger<RedisFeedFanout> logger)
    {
        _backplane = backplane;
        _subscriptions = new ChannelSubscriptions(backplane.Redis.GetSubscriber());
        _logger = logger;
        backplane.Redis.ConnectionRestored += OnConnectionRestored;
    }

    public void Attach(IFeedReceiver receiver) => _receiver = receiver;

    public Task ListenAsync(string feed, CancellationToken cancellationToken) =>
        _subscriptions.EnsureAsync(Channel(feed), message => OnMessage(feed, message), cancellationToken);

    public Task StopListeningAsync(string feed, Func<bool> stillNeeded) => _subscriptions.ReleaseAsync(Channel(feed), stillNeeded);

    public async ValueTask DisposeAsync()
    {
        _backplane.Redis.ConnectionRestored -= OnConnectionRestored;
        await _subscriptions.DisposeAsync().ConfigureAwait(false);
    }

    private Task OnMessage(string feed, ChannelMessage message)
    {
        if (RedisFeedMessage.Parse(((ReadOnlyMemory<byte>)message.Message).Span) is { } applied)
        {
            _receiver?.OnPublished(feed, applied);
        }
        else
        {
            LiveLog.BadMessage(_logger, feed);
        }

        return Task.CompletedTask;
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            _ = OnSubscriptionRestoredAsync();
        }
    }

    /// <summary>
    /// The client subscribes its channels again as the link comes back; a PING behind those subscriptions returns once
    /// Redis has taken them, so the reload that follows cannot miss a publish made in between.
    /// </summary>
    private async Task OnSubscriptionRestoredAsync()
    {
        try
        {
            await _backplane.Redis.GetSubscriber().PingAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // reload anyway: the receiver retries its reads until Redis answers
        }

        _receiver?.OnLinkRestored();
    }

    private RedisChannel Channel(string feed) => _backplane.ResourceChannel(RedisFeedStore.ChannelName(_backplane.Options.ChannelPrefix, feed));
}
