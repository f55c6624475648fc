using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Scaleout;

/// <summary>
/// The rules only a manager spanning several nodes has: the caller's node is the first, the client sits on another.
/// </summary>
public abstract class ScaleoutHubLifetimeManagerBehaviourTests<TCluster>(TCluster cluster)
    : HubLifetimeManagerBehaviourTests<TCluster>(cluster)
    where TCluster : IHubCluster
{
    [Fact]
    public async Task ADisconnectOnAnotherNodeFailsTheInvocationWithAHubException()
    {
        Assert.NotSame(Caller, Holder);
        var (client, invoked) = await ConnectNeverAnsweringAsync(Holder, "Never");
        var call = Client(Caller, client.Connection.ConnectionId!).InvokeAsync<int>("Never", Deadline());
        await invoked.WaitAsync(TestTimeouts.Event);

        await client.Connection.StopAsync();

        // The client's node tells the caller's node with an error completion, worded as SignalR's own backplane words it.
        var error = await Assert.ThrowsAsync<HubException>(() => call);
        Assert.Equal("Connection disconnected.", error.Message);
    }
}
