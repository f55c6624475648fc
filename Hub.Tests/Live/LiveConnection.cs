using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Client;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Live;

/// <summary>A bare <see cref="HubConnection"/> to <c>/hubs/live</c>: what a dashboard holds, without any client library in between.</summary>
public sealed class LiveConnection : IAsyncDisposable
{
    private readonly List<LiveWatch> _watches = [];

    private LiveConnection(HubConnection connection, string userId, HubNode node)
    {
        Connection = connection;
        UserId = userId;
        Node = node;
    }

    public HubConnection Connection { get; }

    public string UserId { get; }

    /// <summary>The node this connection talks to.</summary>
    public HubNode Node { get; }

    public static async Task<LiveConnection> ConnectAsync(
        HubNode node, string userId, string? token = null, ChatProtocol protocol = ChatProtocol.Json, HttpTransportType transport = HttpTransportType.WebSockets)
    {
        token ??= TestAuth.CreateToken(userId);
        var builder = new HubConnectionBuilder().WithUrl(new Uri(node.BaseUri, HubRoutes.Live.TrimStart('/')), transport, options =>
            options.AccessTokenProvider = () => Task.FromResult<string?>(token));
        if (protocol == ChatProtocol.MessagePack)
        {
            builder.AddMessagePackProtocol(ContractMessagePack.Configure);
        }

        var connection = builder.Build();
        using var timeout = new CancellationTokenSource(TestTimeouts.Event);
        await connection.StartAsync(timeout.Token);
        return new LiveConnection(connection, userId, node);
    }

    /// <summary>Starts a watch; its items arrive in <see cref="LiveWatch.Items"/>.</summary>
    public LiveWatch Watch(string feed, string[]? keys = null, double? maxPerSecond = null)
    {
        var watch = new LiveWatch(Connection, feed, keys, maxPerSecond);
        _watches.Add(watch);
        return watch;
    }

    /// <summary>Starts a watch and waits for its snapshot.</summary>
    public async Task<(LiveWatch Watch, ReceivedBatch Snapshot)> WatchAsync(string feed, string[]? keys = null, double? maxPerSecond = null)
    {
        var watch = Watch(feed, keys, maxPerSecond);
        return (watch, await watch.SnapshotAsync());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var watch in _watches)
        {
            await watch.DisposeAsync();
        }

        await Connection.DisposeAsync();
    }
}
