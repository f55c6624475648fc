using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.RateLimiting;

/// <summary>The per-connection limit on a node whose bucket barely refills, so counts are exact.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private HubNode _node = null!;

    public async Task InitializeAsync() => _node = await HubNode.StartAsync(new HubNodeOptions
    {
        Settings =
        {
            ["Chat:RateLimit:PerSecond"] = "0.001",
            ["Chat:RateLimit:Burst"] = "5",
            ["Chat:RateLimit:DisconnectAfterRefusals"] = "3",
        },
    });

    public Task DisposeAsync() => _node.StopAsync();

    [Fact]
    public async Task SendingPastTheBurstIsRefusedAsRateLimitedAndNothingIsStored()
    {
        var room = Unique.Name("room");
        await using var alice = await HubProbe.ConnectAsync(_node, Unique.Name("alice"));
        await alice.JoinRoomAsync(room);
        for (var i = 0; i < 5; i++)
        {
            await alice.SendMessageAsync(room, $"m{i}");
        }

        var error = await Assert.ThrowsAsync<HubException>(() => alice.SendMessageAsync(room, "one too many"));

        Assert.StartsWith(ChatErrors.RateLimited, error.Message, StringComparison.Ordinal);
        Assert.Equal(5, (await alice.GetHistoryAsync(room, 0, 100)).Length);
    }

    [Fact]
    public async Task TypingAndPrivateMessagesShareTheSameBucket()
    {
        var room = Unique.Name("room");
        await using var alice = await HubProbe.ConnectAsync(_node, Unique.Name("alice"));
        await alice.JoinRoomAsync(room);
        for (var i = 0; i < 4; i++)
        {
            await alice.SetTypingAsync(room, i % 2 == 0);
        }

        await alice.SendPrivateMessageAsync("bob", "hi");

        var error = await Assert.ThrowsAsync<HubException>(() => alice.SetTypingAsync(room, true));
        Assert.StartsWith(ChatErrors.RateLimited, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnlimitedMethodsStillWorkWhileTheBucketIsEmpty()
    {
        var room = Unique.Name("room");
        await using var alice = await HubProbe.ConnectAsync(_node, Unique.Name("alice"));
        await alice.JoinRoomAsync(room);
        for (var i = 0; i < 5; i++)
        {
            await alice.SetTypingAsync(room, true);
        }

        Assert.Empty(await alice.GetHistoryAsync(room, 0, 10));
        Assert.NotEmpty(await alice.GetOnlineUsersAsync());
    }

    [Fact]
    public async Task AClientThatKeepsFloodingIsDisconnected()
    {
        var room = Unique.Name("room");
        await using var flooder = await HubProbe.ConnectAsync(_node, Unique.Name("flooder"));
        await flooder.JoinRoomAsync(room);

        for (var i = 0; i < 20 && !flooder.Closed.IsCompleted; i++)
        {
            try
            {
                await flooder.SendMessageAsync(room, "flood");
            }
            catch (Exception)
            {
                // refusals, then the close itself
            }
        }

        await flooder.Closed.WaitAsync(TestTimeouts.Event);
        await using var other = await HubProbe.ConnectAsync(_node, Unique.Name("other"));
        Assert.NotEmpty(await other.GetOnlineUsersAsync()); // the node carries on
    }
}
