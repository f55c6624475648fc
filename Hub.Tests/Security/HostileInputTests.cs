using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Security;

/// <summary>
/// Input meant to break things, on two nodes sharing one Redis (where a name could turn into a key, a channel or a
/// pattern). Malformed frames, wrong types, oversize frames and the basic name rules are in Protocol/ and Chat/;
/// these are the cases beyond them.
/// </summary>
public sealed class HostileInputTests(TwoNodeRedisCluster cluster) : IClassFixture<TwoNodeRedisCluster>
{
    private HubNode Node1 => cluster.Nodes[0];

    private HubNode Node2 => cluster.Nodes[1];

    [Theory]
    [InlineData("9223372036854775807", "10", 0)]
    [InlineData("9223372036854775806", "500", 0)]
    [InlineData("-9223372036854775808", "10", 3)]
    [InlineData("-1", "10", 3)]
    [InlineData("0", "2147483647", -1)]
    [InlineData("0", "-2147483648", -1)]
    public async Task ExtremeButWellTypedHistoryArgumentsAreAnsweredOrRefusedCleanly(string afterSequence, string limit, int expected)
    {
        var room = Unique.Name("room");
        await using var socket = await RawHubSocket.ConnectAsync(Node1, Unique.Name("raw"));
        await RawOutcome.InvokeAsync(socket, "JoinRoom", $"[\"{room}\"]");
        for (var i = 1; i <= 3; i++)
        {
            await RawOutcome.InvokeAsync(socket, "SendMessage", $"[\"{room}\",\"m{i}\",null]", $"s{i}");
        }

        var outcome = await RawOutcome.InvokeAsync(socket, "GetHistory", $"[\"{room}\",{afterSequence},{limit}]");

        if (expected < 0)
        {
            Assert.StartsWith(ChatErrors.InvalidMessage, outcome.Error);
        }
        else
        {
            Assert.Equal(expected, outcome.Result!.Value.GetArrayLength());
        }
    }

    [Theory]
    [InlineData("SendMessage", "[\"{room}\",1e308,null]")]
    [InlineData("SendMessage", "[\"{room}\",\"x\",123456789012345678901234567890]")]
    [InlineData("SendMessage", "[\"{room}\",-0.0,null]")]
    [InlineData("SendPrivateMessage", "[1e308,\"x\",null]")]
    [InlineData("JoinRoom", "[18446744073709551616]")]
    [InlineData("SetTyping", "[\"{room}\",1]")]
    public async Task HugeNumbersWhereStringsOrBooleansBelongFailOnlyThatCallAndStoreNothing(string target, string arguments)
    {
        var room = Unique.Name("room");
        await using var socket = await RawHubSocket.ConnectAsync(Node1, Unique.Name("raw"));
        await RawOutcome.InvokeAsync(socket, "JoinRoom", $"[\"{room}\"]", "join");

        var outcome = await RawOutcome.InvokeAsync(socket, target, arguments.Replace("{room}", room, StringComparison.Ordinal));

        Assert.False(string.IsNullOrEmpty(outcome.Error), outcome.ToString());
        await AssertHistoryAsync(room, []);
        Assert.Equal(JsonValueKind.Array, (await RawOutcome.InvokeAsync(socket, "GetOnlineUsers", "[]", "alive")).Result?.ValueKind);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(63)]
    [InlineData(2000)]
    public async Task NestedObjectsWhereTheTextBelongsAreRefusedAndStoreNothing(int depth)
    {
        var room = Unique.Name("room");
        await using var socket = await RawHubSocket.ConnectAsync(Node1, Unique.Name("raw"));
        await RawOutcome.InvokeAsync(socket, "JoinRoom", $"[\"{room}\"]", "join");
        var nested = string.Concat(Enumerable.Repeat("{\"senderId\":\"admin\",\"a\":", depth)) + "1" + new string('}', depth);

        var outcome = await RawOutcome.InvokeAsync(socket, "SendMessage", $"[\"{room}\",{nested},null]");

        // Within the parser's depth limit the call fails; beyond it the frame is unreadable and the connection closes.
        Assert.True(outcome.Closed || !string.IsNullOrEmpty(outcome.Error), outcome.ToString());
        await AssertHistoryAsync(room, []);
        await AssertNodeServesAsync(Node1);
    }

    [Fact]
    public async Task DeeplyNestedJsonInTheInvocationHeadersClosesOnlyThatConnection()
    {
        await using var socket = await RawHubSocket.ConnectAsync(Node1, Unique.Name("raw"));
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 3000)) + "1" + new string('}', 3000);

        var outcome = await RawOutcome.SendAsync(
            socket, $$"""{"type":1,"invocationId":"1","headers":{{nested}},"target":"GetOnlineUsers","arguments":[]}""", "1");

        Assert.True(outcome.Closed || outcome.Result is not null || outcome.Error is not null, outcome.ToString());
        await AssertNodeServesAsync(Node1);
    }

    [Fact]
    public async Task JsonInsideAMessageIsStoredAsPlainTextAndNamesNoOtherSender()
    {
        var room = Unique.Name("room");
        var userId = Unique.Name("raw");
        await using var socket = await RawHubSocket.ConnectAsync(Node1, userId);
        await RawOutcome.InvokeAsync(socket, "JoinRoom", $"[\"{room}\"]", "join");
        var text = "{\"senderId\":\"admin\",\"room\":\"elsewhere\",\"deep\":" + new string('[', 500) + new string(']', 500) + "}";

        var outcome = await RawOutcome.InvokeAsync(socket, "SendMessage", JsonSerializer.Serialize(new object?[] { room, text, null }));

        Assert.Equal(userId, outcome.Result!.Value.GetProperty("senderId").GetString());
        var stored = await AssertHistoryAsync(room, [text]);
        Assert.Equal(userId, stored.Single().SenderId);
    }

    [Fact]
    public async Task ThousandsOfJoinsOnOneConnectionStopAtFiftyRoomsAndTheNodeStaysHealthy()
    {
        var prefix = Unique.Name("flood");
        var userId = Unique.Name("flooder");
        await using var socket = await RawHubSocket.ConnectAsync(Node1, userId);

        // Pipelined, as an attacker would send them: every frame first, then every answer.
        const int joins = 2000;
        for (var i = 0; i < joins; i++)
        {
            await socket.SendTextAsync($$"""{"type":1,"invocationId":"{{i}}","target":"JoinRoom","arguments":["{{prefix}}-{{i}}"]}""" + RawHubSocket.RecordSeparator);
        }

        var results = 0;
        var refused = 0;
        while (results + refused < joins && await socket.ReceiveRecordAsync() is { } record)
        {
            var message = JsonDocument.Parse(record).RootElement;
            if (message.GetProperty("type").GetInt32() != 3)
            {
                continue;
            }

            if (message.TryGetProperty("error", out var error))
            {
                Assert.StartsWith(ChatErrors.TooManyRooms, error.GetString());
                refused++;
            }
            else
            {
                results++;
            }
        }

        Assert.Equal(50, results);
        Assert.Equal(joins - 50, refused);
        await using var other = await HubProbe.ConnectAsync(Node2, Unique.Name("other"));
        Assert.Contains(userId, (await other.JoinRoomAsync($"{prefix}-0")).Members.Select(m => m.UserId));
        Assert.DoesNotContain(userId, (await other.JoinRoomAsync($"{prefix}-50")).Members.Select(m => m.UserId));
        await socket.DisposeAsync();
        await other.Left.WaitUntilAsync(all => all.Any(e => e.User.UserId == userId), "the flooder to leave on disconnect");
        Assert.DoesNotContain(userId, (await other.JoinRoomAsync($"{prefix}-1")).Members.Select(m => m.UserId));
    }

    [Theory]
    [InlineData("[abc]")]
    [InlineData("a]b")]
    [InlineData("{tag}")]
    [InlineData("a\\b")]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    [InlineData("a\u0000b")]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a%2Ab")]
    [InlineData("*")]
    [InlineData("a\u200Bb")]
    [InlineData("ｒｏｏｍ")]
    public async Task RoomNamesWithPatternOrKeyCharactersAreRefusedByEveryRoomCall(string room)
    {
        await using var probe = await HubProbe.ConnectAsync(Node1, Unique.Name("u"));

        await AssertRefusedAsync(() => probe.JoinRoomAsync(room));
        await AssertRefusedAsync(() => probe.SendMessageAsync(room, "hi"));
        await AssertRefusedAsync(() => probe.GetHistoryAsync(room, 0, 10));
        await AssertRefusedAsync(() => probe.SetTypingAsync(room, true));
        await AssertRefusedAsync(() => probe.LeaveRoomAsync(room));
    }

    private static async Task AssertRefusedAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HubException>(call);
        Assert.StartsWith(ChatErrors.InvalidRoom, error.Message, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<ChatMessage>> AssertHistoryAsync(string room, string[] texts)
    {
        await using var reader = await HubProbe.ConnectAsync(Node2, Unique.Name("reader"));
        await reader.JoinRoomAsync(room);
        var history = await reader.GetHistoryAsync(room, 0, 500);
        Assert.Equal(texts, history.Select(m => m.Text));
        return history;
    }

    private static async Task AssertNodeServesAsync(HubNode node)
    {
        await using var probe = await HubProbe.ConnectAsync(node, Unique.Name("after"));
        Assert.Contains(await probe.GetOnlineUsersAsync(), u => u.UserId == probe.UserId);
    }
}
