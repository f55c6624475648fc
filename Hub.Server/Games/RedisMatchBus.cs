using RealtimeHub.Server.Games.Internal;
using RealtimeHub.Server.Scaleout;
using RealtimeHub.Server.Scaleout.Internal;
using StackExchange.Redis;

namespace RealtimeHub.Server.Games;

/// <summary>
/// A match's two channels on Redis pub/sub, named under the match's hash tag (<see cref="GameKeys"/>): sharded
/// (SPUBLISH/SSUBSCRIBE) on a Redis Cluster, so a match's traffic stays on the shard that holds its keys and reaches
/// only the nodes subscribed there, and literal on a single Redis, as the backplane's rooms are. A node subscribes to
/// a match's host channel while it runs the match and to its players channel while it holds players of it.
/// </summary>
public sealed class RedisMatchBus : IMatchBus, IAsyncDisposable
{
    private readonly RedisBackplane _backplane;
    private readonly ISubscriber _subscriber;
    private readonly ChannelSubscriptions _subscriptions;
    private readonly ILogger _logger;

    public RedisMatchBus(RedisBackplane backplane, ILogger<RedisMatchBus> logger)
    {
        _backplane = backplane;
        _subscriber = backplane.Redis.GetSubscriber();
        _subscriptions = new ChannelSubscriptions(_subscriber);
        _logger = logger;
        backplane.Redis.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                Reconnected?.Invoke();
            }
        };
    }

    public string NodeId => _backplane.NodeId;

    public event Action? Reconnected;

    public async Task<bool> SendToHostAsync(string matchId, MatchBusMessage message) =>
        await _subscriber.PublishAsync(Channel(matchId, "host"), MatchBusCodec.Write(message)).ConfigureAwait(false) > 0;

    public void SendToPlayers(string matchId, MatchBusMessage message) =>
        _subscriber.Publish(Channel(matchId, "players"), MatchBusCodec.Write(message), CommandFlags.FireAndForget);

    public Task ListenAsHostAsync(string matchId, Func<MatchBusMessage, Task> handler, CancellationToken cancellationToken) =>
        _subscriptions.EnsureAsync(Channel(matchId, "host"), Decode(handler), cancellationToken);

    public Task StopListeningAsHostAsync(string matchId) => _subscriptions.ReleaseAsync(Channel(matchId, "host"), static () => false);

    public Task ListenAsPlayersAsync(string matchId, Func<MatchBusMessage, Task> handler, CancellationToken cancellationToken) =>
        _subscriptions.EnsureAsync(Channel(matchId, "players"), Decode(handler), cancellationToken);

    public Task StopListeningAsPlayersAsync(string matchId, Func<bool> stillNeeded) =>
        _subscriptions.ReleaseAsync(Channel(matchId, "players"), stillNeeded);

    public ValueTask DisposeAsync() => _subscriptions.DisposeAsync();

    private RedisChannel Channel(string matchId, string direction)
    {
        return _backplane.ResourceChannel($"{GameKeys.Match(_backplane.Options.ChannelPrefix, matchId)}:{direction}");
    }

    private Func<ChannelMessage, Task> Decode(Func<MatchBusMessage, Task> handler) => async message =>
    {
        var payload = (ReadOnlyMemory<byte>)message.Message;
        if (MatchBusCodec.IsFrameFrom(payload, NodeId))
        {
            return;
        }

        MatchBusMessage decoded;
        try
        {
            decoded = MatchBusCodec.Read(payload);
        }
        catch (InvalidDataException exception)
        {
            MatchHostLog.CorruptMessage(_logger, message.Channel.ToString(), exception);
            return;
        }

        try
        {
            await handler(decoded).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // One bad message must not end the channel's queue, and with it the match's traffic on this node.
            MatchHostLog.MessageFailed(_logger, message.Channel.ToString(), decoded.GetType().Name, exception);
        }
    };
}
