using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Chat;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Scaleout;

/// <summary>
/// What every lifetime manager (embedded, the project's Redis backplane, the official one) must do beyond plain sends:
/// client results (<c>InvokeAsync&lt;T&gt;</c> on one client, answered from any node) and case-sensitive groups.
/// With several nodes the caller's node is the first and the client sits on the last. How a pending client result ends
/// (a disconnect, a cancellation, an answer from the wrong connection) is SignalR's own managers' behaviour, to the
/// exception type and message: code written against SignalR catches and matches on them.
/// </summary>
public abstract class HubLifetimeManagerBehaviourTests<TCluster>(TCluster cluster) : IAsyncLifetime
    where TCluster : IHubCluster
{
    private readonly List<IAsyncDisposable> _clients = [];

    protected HubNode Caller => cluster.Nodes[0];

    protected HubNode Holder => cluster.Nodes[^1];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task ClientResultComesBackFromAConnectionOnAnotherNode()
    {
        var probe = await ConnectAsync(Holder);
        probe.Connection.On("GetAnswer", (int question) => question * 2);

        var answer = await Client(Caller, probe).InvokeAsync<int>("GetAnswer", 21, Deadline());

        Assert.Equal(42, answer);
    }

    [Fact]
    public async Task ClientResultComesBackFromAConnectionOnTheCallersNode()
    {
        var probe = await ConnectAsync(Caller);
        probe.Connection.On("GetName", () => "local answer");

        var answer = await Client(Caller, probe).InvokeAsync<string>("GetName", Deadline());

        Assert.Equal("local answer", answer);
    }

    [Fact]
    public async Task ManyConcurrentClientResultsEachGetTheirOwnAnswer()
    {
        var probe = await ConnectAsync(Holder);
        probe.Connection.On("Echo", (int value) => value);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Client(Caller, probe).InvokeAsync<int>("Echo", i, Deadline())));

        Assert.Equal(Enumerable.Range(0, 50), answers);
    }

    [Fact]
    public async Task AClientThatThrowsFailsTheInvocationWithAHubException()
    {
        var probe = await ConnectAsync(Holder);
        probe.Connection.On("Fail", new Func<int>(() => throw new InvalidOperationException("no answer for you")));

        await Assert.ThrowsAsync<HubException>(() => Client(Caller, probe).InvokeAsync<int>("Fail", Deadline()));
    }

    [Fact]
    public async Task AResultOfTheWrongTypeFailsTheInvocation()
    {
        var probe = await ConnectAsync(Holder);
        probe.Connection.On("Number", () => "not a number");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Client(Caller, probe).InvokeAsync<int>("Number", Deadline()));

        Assert.IsNotType<OperationCanceledException>(error);
    }

    [Fact]
    public async Task InvokingAConnectionThatDoesNotExistFailsWithAnIOException()
    {
        var missing = Unique.Name("no-such-connection");

        var error = await Assert.ThrowsAsync<IOException>(() => Client(Caller, missing).InvokeAsync<int>("GetAnswer", Deadline()));

        Assert.Equal($"Connection '{missing}' does not exist.", error.Message);
    }

    [Fact]
    public async Task ADisconnectFailsTheInvocationOnTheClientsOwnNodeWithAnIOExceptionNamingTheConnection()
    {
        var (client, invoked) = await ConnectNeverAnsweringAsync(Caller, "Never");
        var connectionId = client.Connection.ConnectionId!;
        var call = Client(Caller, connectionId).InvokeAsync<int>("Never", Deadline());
        await invoked.WaitAsync(TestTimeouts.Event);

        await client.Connection.StopAsync();

        var error = await Assert.ThrowsAsync<IOException>(() => call);
        Assert.Equal($"Connection '{connectionId}' disconnected.", error.Message);
    }

    [Fact]
    public async Task CancellingAnInvocationFailsItWithAHubException()
    {
        var (client, invoked) = await ConnectNeverAnsweringAsync(Holder, "Slow");
        using var cancel = new CancellationTokenSource();
        var call = Client(Caller, client.Connection.ConnectionId!).InvokeAsync<int>("Slow", cancel.Token);
        await invoked.WaitAsync(TestTimeouts.Event);

        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => call.WaitAsync(TestTimeouts.Event));
        Assert.Equal("Invocation canceled by the server.", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ACancelledInvocationLeavesTheClientConnectedAndDropsItsLateAnswer(bool onAnotherNode)
    {
        var answer = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (client, invoked) = await ConnectAnsweringAsync(onAnotherNode ? Holder : Caller, "Late", answer.Task);
        using var cancel = new CancellationTokenSource();
        var call = Client(Caller, client.Connection.ConnectionId!).InvokeAsync<int>("Late", cancel.Token);
        await invoked.WaitAsync(TestTimeouts.Event);
        await cancel.CancelAsync();
        await Assert.ThrowsAsync<HubException>(() => call.WaitAsync(TestTimeouts.Event));

        answer.SetResult(7);
        await client.Sent.WaitUntilAsync(sent => sent.Any(m => m is CompletionMessage), "the client's late answer");

        // Sent after the late answer and after anything the cancellation made the server send, so this call's answer
        // comes only once the server has taken both. No SignalR server tells a client of a cancelled client result: the
        // .NET client takes a CancelInvocationMessage for an unexpected message and closes its connection.
        await client.Connection.InvokeAsync<UserPresence[]>(nameof(IChatHub.GetOnlineUsers), Deadline());
        Assert.Equal(HubConnectionState.Connected, client.Connection.State);
        Assert.DoesNotContain(client.Received.Snapshot(), m => m is CancelInvocationMessage);
    }

    [Fact]
    public async Task AnAnswerFromAnotherConnectionIsRefusedAndTheInvocationWaitsForItsOwnClient()
    {
        var answer = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (client, _) = await ConnectAnsweringAsync(Holder, "Answer", answer.Task);
        var call = Client(Caller, client.Connection.ConnectionId!).InvokeAsync<int>("Answer", Deadline());
        var invocationId = (await client.InvocationOfAsync("Answer")).InvocationId!;
        var impostor = Unique.Name("impostor");

        // The node holding the client is where its answers arrive, so it is where an impostor's would.
        var manager = Holder.Services.GetRequiredService<HubLifetimeManager<ChatHub>>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => manager.SetConnectionResultAsync(impostor, CompletionMessage.WithResult(invocationId, 1)));

        Assert.Equal($"Connection ID '{impostor}' is not valid for invocation ID '{invocationId}'.", error.Message);
        answer.SetResult(42);
        Assert.Equal(42, await call);
    }

    [Fact]
    public async Task GroupNamesAreCaseSensitiveAcrossNodesAndForOneConnection()
    {
        var upper = Unique.Name("Lobby");
        var lower = upper.ToLowerInvariant();
        var inBoth = await ConnectAsync(Holder);
        var inLower = await ConnectAsync(Holder);
        var received = new EventLog<string>();
        var receivedLower = new EventLog<string>();
        inBoth.Connection.On<string>("Tag", received.Add);
        inLower.Connection.On<string>("Tag", receivedLower.Add);
        var hub = Caller.Services.GetRequiredService<IHubContext<ChatHub>>();
        await hub.Groups.AddToGroupAsync(inBoth.Connection.ConnectionId!, upper);
        await hub.Groups.AddToGroupAsync(inBoth.Connection.ConnectionId!, lower);
        await hub.Groups.AddToGroupAsync(inLower.Connection.ConnectionId!, lower);

        await hub.Clients.Group(upper).SendAsync("Tag", "upper");
        await hub.Clients.Group(lower).SendAsync("Tag", "lower");

        // Two groups are two channels: no backplane orders messages across them, so compare what arrived, not in which order.
        Assert.Equal(["lower", "upper"], (await received.WaitForCountAsync(2, "both groups' messages")).Order());
        Assert.Equal(["lower"], await receivedLower.WaitForCountAsync(1, "the lower-case group's message"));
        await hub.Groups.RemoveFromGroupAsync(inBoth.Connection.ConnectionId!, upper);
        await hub.Clients.Group(upper).SendAsync("Tag", "upper again");
        await hub.Clients.Group(lower).SendAsync("Tag", "lower again");
        Assert.Equal(["lower", "lower again", "upper"], (await received.WaitForCountAsync(3, "the lower-case group only")).Order());
    }

    protected static CancellationToken Deadline() => new CancellationTokenSource(TestTimeouts.Event).Token;

    protected static ISingleClientProxy Client(HubNode node, string connectionId) =>
        node.Services.GetRequiredService<IHubContext<ChatHub>>().Clients.Client(connectionId);

    private static ISingleClientProxy Client(HubNode node, HubProbe probe) => Client(node, probe.Connection.ConnectionId!);

    /// <summary>A client on <paramref name="node"/> whose handler for <paramref name="method"/> is entered (the task completes) but never answers.</summary>
    protected Task<(RecordingClient Client, Task Invoked)> ConnectNeverAnsweringAsync(HubNode node, string method) =>
        ConnectAnsweringAsync(node, method, new TaskCompletionSource<int>().Task);

    /// <summary>A client on <paramref name="node"/> whose handler for <paramref name="method"/> answers with <paramref name="answer"/>.</summary>
    protected async Task<(RecordingClient Client, Task Invoked)> ConnectAnsweringAsync(HubNode node, string method, Task<int> answer)
    {
        var client = await RecordingClient.ConnectAsync(node);
        _clients.Add(client);
        var invoked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Connection.On(method, async () =>
        {
            invoked.TrySetResult();
            return await answer;
        });
        return (client, invoked.Task);
    }

    private async Task<HubProbe> ConnectAsync(HubNode node)
    {
        var probe = await HubProbe.ConnectAsync(node, Unique.Name("client"));
        _clients.Add(probe);
        return probe;
    }
}
