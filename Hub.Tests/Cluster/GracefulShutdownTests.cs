using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Server.Presence;
using RealtimeHub.Server.Shutdown;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Cluster;

/// <summary>A node that stops (SIGTERM, a deploy) hands its clients over instead of dropping them.</summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task StoppingANodeSendsEveryClientACloseMessageThatAllowsReconnect()
    {
        var node = await HubNode.StartAsync();
        await using var raw = await RawHubSocket.ConnectAsync(node, Unique.Name("alice"));

        var stopping = node.StopAsync();
        var records = new List<string>();
        while (await raw.ReceiveRecordAsync() is { } record)
        {
            records.Add(record);
        }

        await stopping;
        var close = Assert.Single(records, r => Type(r) == 7);
        using var json = JsonDocument.Parse(close);
        Assert.True(json.RootElement.GetProperty("allowReconnect").GetBoolean());
        Assert.False(json.RootElement.TryGetProperty("error", out _));
        Assert.Equal(WebSocketState.CloseReceived, raw.State); // a WebSocket close handshake, not a reset
    }

    [Fact]
    public async Task AStoppedNodeHasLeftPresenceForEveryConnectionBeforeItExits()
    {
        var node = await HubNode.StartAsync();
        var presence = node.Services.GetRequiredService<IPresenceTracker>();
        await using var alice = await HubProbe.ConnectAsync(node, Unique.Name("alice"));
        await using var bob = await HubProbe.ConnectAsync(node, Unique.Name("bob"));
        await alice.JoinRoomAsync(Unique.Name("room"));
        Assert.Equal(2, (await presence.GetOnlineUsersAsync(CancellationToken.None)).Count);

        await node.StopAsync();

        Assert.Empty(await presence.GetOnlineUsersAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ADrainingNodeIsNotReadyAndRefusesNewHubConnectionsButStaysAlive()
    {
        await using var node = await HubNode.StartAsync();
        await using var connected = await HubProbe.ConnectAsync(node, Unique.Name("alice"));
        using var http = node.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("readyz")).StatusCode);

        var drained = await node.Services.GetRequiredService<ConnectionDrainer>().DrainAsync(TestTimeouts.Event);

        Assert.True(drained);
        await connected.Closed.WaitAsync(TestTimeouts.Event);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);
        var negotiate = await http.PostAsync("hubs/chat/negotiate?negotiateVersion=1", content: null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, negotiate.StatusCode);
        Assert.NotNull(negotiate.Headers.RetryAfter);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => HubProbe.ConnectAsync(node, Unique.Name("late")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
    }

    [Fact]
    public async Task ClientsOfAStoppedNodeComeBackWhenItRestartsOnTheSamePort()
    {
        var node = await HubNode.StartAsync();
        var token = TestAuth.CreateToken(Unique.Name("carol"));
        var reconnecting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(node.HubUri, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .WithAutomaticReconnect(new QuickRetryPolicy())
            .Build();
        connection.Reconnecting += _ =>
        {
            reconnecting.TrySetResult();
            return Task.CompletedTask;
        };
        connection.Reconnected += _ =>
        {
            reconnected.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();

        await node.StopAsync();
        await reconnecting.Task.WaitAsync(TestTimeouts.Event);
        await using var replacement = await node.RestartAsync();
        await reconnected.Task.WaitAsync(TestTimeouts.Reconnect);

        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    private static int Type(string record)
    {
        using var json = JsonDocument.Parse(record);
        return json.RootElement.GetProperty("type").GetInt32();
    }

    /// <summary>Retries every 50 ms, forever: the replacement node comes up whenever the test starts it.</summary>
    private sealed class QuickRetryPolicy : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) => TimeSpan.FromMilliseconds(50);
    }
}
