using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Server.Chat;
using RealtimeHub.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RealtimeHub.Tests.Scaleout;

/// <summary>
/// Why the project's own backplane is the default: a member that stops reading its socket must not stall its room for
/// the members beside it on the same node. (The official backplane writes a channel's messages to its members one after
/// another and waits for each, so there the room stalls once the stalled socket's buffers fill.)
/// </summary>
public sealed class SlowReaderTests(TwoNodeRedisCluster cluster, ITestOutputHelper output) : IClassFixture<TwoNodeRedisCluster>
{
    private const int Rounds = 100;
    private const int SendersPerRound = 20;
    private static readonly string Payload = new('x', 4096);

    [Fact]
    public async Task AMemberThatStopsReadingDoesNotHoldUpItsRoomForTheOthersOnItsNode()
    {
        var room = Unique.Name("room");
        var memberNode = cluster.Nodes[1];
        await using var stalled = await RawHubSocket.ConnectAsync(memberNode, Unique.Name("stalled"));
        await stalled.InvokeAsync("1", "JoinRoom", $"[\"{room}\"]"); // and never reads again
        await using var reader = await HubProbe.ConnectAsync(memberNode, Unique.Name("reader"));
        await reader.JoinRoomAsync(room);
        var received = new EventLog<int>();
        reader.Connection.On<int, string>("Post", (index, _) => received.Add(index));
        var hub = cluster.Nodes[0].Services.GetRequiredService<IHubContext<ChatHub>>();

        var worst = TimeSpan.Zero;
        for (var round = 0; round < Rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var sender = 0; sender < SendersPerRound; sender++)
            {
                await hub.Clients.Group(room).SendAsync("Post", (round * SendersPerRound) + sender, Payload);
            }

            await received.WaitForCountAsync((round + 1) * SendersPerRound, $"round {round} at the reading member");
            var wait = Stopwatch.GetElapsedTime(started);
            worst = wait > worst ? wait : worst;
        }

        var megabytes = Rounds * SendersPerRound * Payload.Length / 1e6;
        output.WriteLine($"{megabytes:F1} MB to a room with a stalled member; the reading member's worst round: {worst.TotalMilliseconds:F0} ms");
        Assert.Equal(Enumerable.Range(0, Rounds * SendersPerRound), received.Snapshot());
        Assert.True(worst < TimeSpan.FromSeconds(3), $"the reading member waited {worst.TotalMilliseconds:F0} ms for one round");
    }
}
