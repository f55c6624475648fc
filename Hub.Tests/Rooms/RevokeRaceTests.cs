using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Rooms;

/// <summary>
/// A revoked member racing a send, made deterministic: the send has passed its access check and is held before the
/// store when the revoke comes. The revoke waits for it, and the send is refused, never stored after the revoke.
/// </summary>
public sealed class RevokeRaceTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task ASendThatPassedItsCheckBeforeARevokeIsRefusedAndTheRevokeWaitsForItEmbedded()
    {
        var held = new HeldSendFilter();
        await using var node = await HubNode.StartAsync(WithHeldSends(new HubNodeOptions(), held));

        await AssertRaceAsync(node, node, held);
    }

    [Fact]
    public async Task ASendThatPassedItsCheckBeforeARevokeIsRefusedAndTheRevokeWaitsForItAcrossNodes()
    {
        var held = new HeldSendFilter();
        var prefix = RedisServerFixture.NewPrefix("race");
        var redisOptions = new HubNodeOptions { RedisConfiguration = redis.Configuration, ChannelPrefix = prefix };
        await using var sender = await HubNode.StartAsync(WithHeldSends(redisOptions, held));
        await using var api = await HubNode.StartAsync(redisOptions);

        await AssertRaceAsync(sender, api, held);
    }

    private static async Task AssertRaceAsync(HubNode senderNode, HubNode apiNode, HeldSendFilter held)
    {
        var room = Unique.Name("vip");
        var aliceId = Unique.Name("alice");
        var client = apiNode.CreateApiClient();
        await client.SetRoomAccessAsync(room, RoomAccess.Private);
        await client.GrantRoomAsync(room, aliceId);
        await using var alice = await HubProbe.ConnectAsync(senderNode, aliceId);
        await alice.JoinRoomAsync(room);

        var send = alice.SendMessageAsync(room, HeldSendFilter.HeldText);
        await held.Reached.WaitAsync(TestTimeouts.Event);
        var revoke = client.RevokeRoomAsync(room, aliceId);
        await alice.Removed.WaitForCountAsync(1, "alice removed while her send is held");
        var revokeReturnedWhileHeld = revoke.IsCompleted;
        held.Release();

        var error = await Assert.ThrowsAsync<HubException>(() => send);
        await revoke.WaitAsync(TestTimeouts.Event);
        Assert.False(revokeReturnedWhileHeld, "the revoke returned while a send that passed its check was still in flight");
        Assert.StartsWith(ChatErrors.NotInRoom, error.Message, StringComparison.Ordinal);
        Assert.Empty(await client.GetMessagesAsync(room));
    }

    private static HubNodeOptions WithHeldSends(HubNodeOptions options, HeldSendFilter held) => options with
    {
        ConfigureServices = services => services.PostConfigure<HubOptions>(hub => hub.AddFilter(held)),
    };
}
