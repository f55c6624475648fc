using MessagePack;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Games;
using RealtimeHub.Server.Games;
using RealtimeHub.Server.Games.Arena;
using RealtimeHub.Server.Games.Internal;

namespace RealtimeHub.Tests.Games;

/// <summary>What crosses Redis between nodes for a match, and that players on every node get the same bytes for it.</summary>
public sealed class MatchBusCodecTests
{
    private static readonly MatchDelta Delta = new(
        41,
        false,
        new Dictionary<string, object?>
        {
            ["player:alice"] = new ArenaPlayerEntity(123.4f, 56.7f, "Alice", 3),
            ["gem:4"] = new ArenaGemEntity(800, 20),
            ["gem:5"] = null,
        },
        7);

    private static readonly IHubProtocol[] Protocols =
        [new JsonHubProtocol(), new MessagePackHubProtocol(Options.Create(new MessagePackHubProtocolOptions { SerializerOptions = ContractMessagePack.SerializerOptions }))];

    [Fact]
    public void AStateReadOnAnotherNodeReachesPlayersAsTheTypedOriginalDoes()
    {
        var frame = (StateFrame)MatchBusCodec.Read(MatchBusCodec.Write(new StateFrame("node-a", 41, [new PlayerDelta("alice", Delta)])));
        var delta = frame.Deltas.Single().Delta;

        Assert.Equal(("node-a", 41L, "alice"), (frame.Origin, frame.Tick, frame.Deltas.Single().PlayerId));
        Assert.Equal(Text(Bytes(Protocols[0], Delta)), Text(Bytes(Protocols[0], delta))); // JSON: the same bytes
        var (typed, plain) = (Bytes(Protocols[1], Delta), Bytes(Protocols[1], delta));
        Assert.Equal(MessagePackSerializer.ConvertToJson(Body(typed)), MessagePackSerializer.ConvertToJson(Body(plain))); // the same values
        Assert.Equal(typed.Length + 2, plain.Length); // score 3 and y 20 as uint8 instead of fixint (MatchBusCodec's remarks)
    }

    [Fact]
    public void AJoinReplyAndScoresCrossNodesWhole()
    {
        var join = new MatchJoin("arena.x", GameKinds.Arena, "alice", 41, Delta with { Full = true });
        var reply = (JoinReply)MatchBusCodec.Read(MatchBusCodec.Write(new JoinReply("node-a", "node-b", 9, join, null)));
        var scores = (ScoresFrame)MatchBusCodec.Read(MatchBusCodec.Write(new ScoresFrame("node-a", [new Score("alice", "Alice", 3)], RoundEnded: true)));

        Assert.Equal(("node-b", 9L, (string?)null), (reply.RequestNode, reply.RequestId, reply.Error));
        Assert.Equal((join.MatchId, join.Kind, join.PlayerId, join.Tick, true), (reply.Join!.MatchId, reply.Join.Kind, reply.Join.PlayerId, reply.Join.Tick, reply.Join.State.Full));
        Assert.Equal(Text(Bytes(Protocols[0], join.State)), Text(Bytes(Protocols[0], reply.Join.State)));
        Assert.Equal([new Score("alice", "Alice", 3)], scores.Scores);
        Assert.True(scores.RoundEnded);
    }

    [Fact]
    public void AnInputCrossesAsPlainValuesAndOneOverAKibibyteAsNothing()
    {
        var input = new Dictionary<string, object?> { ["dx"] = 0.5, ["dy"] = -1, ["x"] = 999 };
        var huge = new Dictionary<string, object?> { ["dx"] = 1, ["junk"] = new string('j', MatchBusCodec.MaxInputBytes) };

        var small = (ForwardedInput)MatchBusCodec.Read(MatchBusCodec.Write(new ForwardedInput("node-b", "alice", 5, input)));
        var dropped = (ForwardedInput)MatchBusCodec.Read(MatchBusCodec.Write(new ForwardedInput("node-b", "alice", 6, huge)));

        Assert.Equal(new ArenaInput(0.5, -1), ArenaInput.Read(new MatchInput(small.Input)));
        Assert.Equal((6L, (object?)null), (dropped.Sequence, dropped.Input));
        Assert.Equal(new ArenaInput(0, 0), ArenaInput.Read(new MatchInput(dropped.Input)));
    }

    [Fact]
    public void ANodeKnowsItsOwnStateFramesFromTheHeaderAndAnythingElseIsRefused()
    {
        var own = MatchBusCodec.Write(new StateFrame("node-a", 1, []));
        var reply = MatchBusCodec.Write(new JoinReply("node-a", "node-a", 1, null, GameErrors.MatchFull));

        Assert.True(MatchBusCodec.IsFrameFrom(own, "node-a"));
        Assert.False(MatchBusCodec.IsFrameFrom(own, "node-b"));
        Assert.False(MatchBusCodec.IsFrameFrom(reply, "node-a")); // a join answer is never dropped as an echo
        Assert.Throws<InvalidDataException>(() => MatchBusCodec.Read(new byte[] { 0x93, 0x01 }));
        Assert.Throws<InvalidDataException>(() => MatchBusCodec.Read("not msgpack"u8.ToArray()));
    }

    private static byte[] Bytes(IHubProtocol protocol, MatchDelta delta) =>
        protocol.GetMessageBytes(new InvocationMessage(nameof(IGameClient.MatchState), ["arena.x", delta])).ToArray();

    private static string Text(byte[] json) => System.Text.Encoding.UTF8.GetString(json);

    /// <summary>A MessagePack hub frame without its length prefix (one byte for these sizes).</summary>
    private static ReadOnlyMemory<byte> Body(byte[] frame) => frame.AsMemory(frame[0] < 0x80 ? 1 : 2);
}
