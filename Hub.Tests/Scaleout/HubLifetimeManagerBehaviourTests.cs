using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Server.Chat;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Scaleout;

/// <summary>
/// What every lifetime manager (embedded, the project's Redis backplane, the official one) must do beyond plain sends:
/// client results (<c>InvokeAsync&lt;T&gt;</c> on one client, answered from any node) and case-sensitive groups.
/// With several nodes the caller's node is the first and the client sits on the last.
/// </summary>
public abstract class HubLifetimeManagerBehaviourTests<TCluster>(TCluster cluster) : IAsyncLifetime
    where TCluster : IHubCluster
{
    private readonly List<HubProbe> _probes = [];

    private HubNode Caller => cluster.Nodes[0];

    private HubNode Holder => cluster.Nodes[^1];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var probe in _probes)
        {
            await probe.DisposeAsync();
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
    public async Task InvokingAConnectionThatDoesNotExistFails()
    {
        var hub = Caller.Services.GetRequiredService<IHubContext<ChatHub>>();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => hub.Clients.Client("no-such-connection").InvokeAsync<int>("GetAnswer", Deadline()));

        Assert.IsNotType<OperationCanceledException>(error);
    }

    [Fact]
    public async Task AClientThatDisconnectsMidInvocationFailsIt()
    {
        var (probe, invoked) = await ConnectNeverAnsweringAsync("Never");
        var call = Client(Caller, probe).InvokeAsync<int>("Never", Deadline());
        await invoked.WaitAsync(TestTimeouts.Event);

        await probe.Connection.StopAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => call);
        Assert.IsNotType<OperationCanceledException>(error);
    }

    [Fact]
    public async Task CancellingAnInvocationEndsTheWait()
    {
        var (probe, invoked) = await ConnectNeverAnsweringAsync("Slow");
        using var cancel = new CancellationTokenSource();
        var call = Client(Caller, probe).InvokeAsync<int>("Slow", cancel.Token);
        await invoked.WaitAsync(TestTimeouts.Event);

        await cancel.CancelAsync();

        // Ours end with OperationCanceledException; the official backplane with HubException("Invocation canceled ...").
        var error = await Assert.ThrowsAnyAsync<Exception>(() => call.WaitAsync(TestTimeouts.Event));
        Assert.True(error is OperationCanceledException or HubException, error.ToString());
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

    private static CancellationToken Deadline() => new CancellationTokenSource(TestTimeouts.Event).Token;

    private static ISingleClientProxy Client(HubNode node, HubProbe probe) =>
        node.Services.GetRequiredService<IHubContext<ChatHub>>().Clients.Client(probe.Connection.ConnectionId!);

    /// <summary>A client on the holder whose handler for <paramref name="method"/> is entered (the task completes) but never answers.</summary>
    private async Task<(HubProbe Probe, Task Invoked)> ConnectNeverAnsweringAsync(string method)
    {
        var probe = await ConnectAsync(Holder);
        var invoked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        probe.Connection.On(method, async () =>
        {
            invoked.TrySetResult();
            return await new TaskCompletionSource<int>().Task;
        });
        return (probe, invoked.Task);
    }

    private async Task<HubProbe> ConnectAsync(HubNode node)
    {
        var probe = await HubProbe.ConnectAsync(node, Unique.Name("client"));
        _probes.Add(probe);
        return probe;
    }
}
