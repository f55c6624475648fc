using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Games;
using RealtimeHub.Server.Games.Arena;

namespace RealtimeHub.Tests.Games;

/// <summary>The shapes section 11 fixes, as SignalR's two protocols write them.</summary>
public sealed class GameWireShapeTests
{
    private static readonly MatchDelta Delta = new(
        12,
        false,
        new Dictionary<string, object?>
        {
            ["player:alice"] = new ArenaPlayerEntity(123.4f, 56.7f, "Alice", 3),
            ["gem:4"] = new ArenaGemEntity(800, 20),
            ["gem:5"] = null,
        },
        41);

    [Fact]
    public void JsonWritesTheContractsFieldNames()
    {
        var arguments = JsonArguments(new InvocationMessage(nameof(IGameClient.MatchState), ["m1", Delta]));
        var scores = JsonArguments(new InvocationMessage(nameof(IGameClient.Scoreboard), ["m1", new[] { new Score("alice", "Alice", 3) }]));

        Assert.Equal(
            """{"tick":12,"full":false,"entities":{"player:alice":{"x":123.4,"y":56.7,"name":"Alice","score":3},"gem:4":{"x":800,"y":20},"gem:5":null},"lastInputSequence":41}""",
            arguments[1].GetRawText());
        Assert.Equal("""[{"playerId":"alice","name":"Alice","score":3}]""", scores[1].GetRawText());
    }

    [Fact]
    public void MessagePackWritesTheJsonNamesEntitiesAsTheContractNamesThemAndReadsScoresBack()
    {
        var protocol = new MessagePackHubProtocol(Microsoft.Extensions.Options.Options.Create(new MessagePackHubProtocolOptions { SerializerOptions = ContractMessagePack.SerializerOptions }));

        var delta = (Dictionary<object, object>)MessagePackArguments(protocol, new InvocationMessage(nameof(IGameClient.MatchState), ["m1", Delta]), typeof(object))[1]!;
        var entities = (Dictionary<object, object?>)delta["entities"];
        var player = (Dictionary<object, object>)entities["player:alice"]!;
        var scores = (Score[])MessagePackArguments(protocol, new InvocationMessage(nameof(IGameClient.Scoreboard), ["m1", new[] { new Score("alice", "Alice", 3) }]), typeof(Score[]))[1]!;

        Assert.Equal(["entities", "full", "lastInputSequence", "tick"], delta.Keys.Cast<string>().Order());
        Assert.Equal(["name", "score", "x", "y"], player.Keys.Cast<string>().Order());
        Assert.Equal(123.4f, player["x"]);
        Assert.Null(entities["gem:5"]);
        Assert.Equal(new Score("alice", "Alice", 3), Assert.Single(scores));
        Assert.Equal(["name", "playerId", "score"], RawScoreKeys(protocol));
    }

    private static JsonElement[] JsonArguments(InvocationMessage message)
    {
        var text = System.Text.Encoding.UTF8.GetString(new JsonHubProtocol().GetMessageBytes(message).Span).TrimEnd('\u001e');
        return [.. JsonDocument.Parse(text).RootElement.GetProperty("arguments").EnumerateArray()];
    }

    private static object?[] MessagePackArguments(IHubProtocol protocol, InvocationMessage message, Type argumentType)
    {
        var bytes = new ReadOnlySequence<byte>(protocol.GetMessageBytes(message));
        Assert.True(protocol.TryParseMessage(ref bytes, new ArgumentsBinder(typeof(string), argumentType), out var parsed));
        return ((InvocationMessage)parsed!).Arguments;
    }

    private static string[] RawScoreKeys(IHubProtocol protocol)
    {
        var raw = (object[])MessagePackArguments(protocol, new InvocationMessage(nameof(IGameClient.Scoreboard), ["m1", new[] { new Score("alice", "Alice", 3) }]), typeof(object))[1]!;
        return [.. ((Dictionary<object, object>)raw[0]).Keys.Cast<string>().Order()];
    }

    private sealed class ArgumentsBinder(params Type[] types) : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) => types;

        public Type GetReturnType(string invocationId) => typeof(object);

        public Type GetStreamItemType(string streamId) => typeof(object);
    }
}
