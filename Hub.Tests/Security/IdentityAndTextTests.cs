using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Security;

/// <summary>
/// Nobody speaks as someone else: sender fields come from the token whatever a frame carries. And text is data: stored
/// and echoed exactly as sent (after trimming), never interpreted, on either node.
/// </summary>
public sealed class IdentityAndTextTests(TwoNodeRedisCluster cluster) : IClassFixture<TwoNodeRedisCluster>
{
    private HubNode Node1 => cluster.Nodes[0];

    private HubNode Node2 => cluster.Nodes[1];

    public static TheoryData<string, string> SpoofingFrames => new()
    {
        { "sender fields at the top of the frame", """{"type":1,"invocationId":"1","target":"SendMessage","arguments":["{room}","hi",null],"senderId":"admin","senderName":"Admin","user":"admin"}""" },
        { "sender fields in the headers", """{"type":1,"invocationId":"1","headers":{"sub":"admin","name":"Admin","senderId":"admin"},"target":"SendMessage","arguments":["{room}","hi",null]}""" },
        { "a fourth argument naming the sender", """{"type":1,"invocationId":"1","target":"SendMessage","arguments":["{room}","hi",null,"admin"]}""" },
        { "a message object in place of the text", """{"type":1,"invocationId":"1","target":"SendMessage","arguments":["{room}",{"senderId":"admin","senderName":"Admin","text":"hi"},null]}""" },
        { "the target spelled twice", """{"type":1,"invocationId":"1","target":"SendMessage","target":"SendMessage","arguments":["{room}","hi",null],"arguments":["{room}","hi","admin"]}""" },
    };

    [Theory]
    [MemberData(nameof(SpoofingFrames))]
    public async Task NoFieldOfAFrameCanNameTheSender(string why, string frame)
    {
        var room = Unique.Name("room");
        var userId = Unique.Name("mallory");
        await using var socket = await RawHubSocket.ConnectAsync(Node1, userId);
        await RawOutcome.InvokeAsync(socket, "JoinRoom", $"[\"{room}\"]", "join");
        await using var observer = await HubProbe.ConnectAsync(Node2, Unique.Name("observer"));
        await observer.JoinRoomAsync(room);

        var outcome = await RawOutcome.SendAsync(socket, frame.Replace("{room}", room, StringComparison.Ordinal), "1");

        Assert.True(outcome.Error is not null || outcome.Closed || outcome.Result?.GetProperty("senderId").GetString() == userId, $"{why}: {outcome}");
        var history = await observer.GetHistoryAsync(room, 0, 10);
        Assert.All(history, m => Assert.Equal((userId, userId), (m.SenderId, m.SenderName)));
        Assert.All(observer.Messages.Snapshot(), m => Assert.Equal(userId, m.SenderId));
    }

    [Fact]
    public async Task PrivateMessagesCarryTheTokensUserWhateverTheFrameSays()
    {
        var userId = Unique.Name("mallory");
        await using var socket = await RawHubSocket.ConnectAsync(Node1, userId);
        await using var bob = await HubProbe.ConnectAsync(Node2, Unique.Name("bob"));

        var outcome = await RawOutcome.SendAsync(socket, $$"""
            {"type":1,"invocationId":"1","headers":{"fromUserId":"admin","sub":"admin"},"target":"SendPrivateMessage","arguments":["{{bob.UserId}}","hi","p-1"],"fromUserId":"admin","fromName":"Admin"}
            """, "1");

        Assert.Equal(userId, outcome.Result!.Value.GetProperty("fromUserId").GetString());
        var received = await bob.Privates.WaitForCountAsync(1, "the private message");
        Assert.Equal((userId, userId, bob.UserId), (received[0].FromUserId, received[0].FromName, received[0].ToUserId));
    }

    [Fact]
    public async Task MarkupInTheTokensNameIsCarriedVerbatimAcrossNodes()
    {
        const string name = "<img src=x onerror=alert(1)>\"Mallory\"&amp;";
        var room = Unique.Name("room");
        await using var mallory = await HubProbe.ConnectAsync(Node1, Unique.Name("mallory"), name);
        await using var bob = await HubProbe.ConnectAsync(Node2, Unique.Name("bob"));
        await bob.JoinRoomAsync(room);

        await mallory.JoinRoomAsync(room);
        var sent = await mallory.SendMessageAsync(room, "hello");

        await bob.WaitForMessageAsync(sent);
        Assert.Equal(name, bob.Messages.Snapshot().Single().SenderName);
        Assert.Equal(name, bob.Joined.Snapshot().Single(j => j.User.UserId == mallory.UserId).User.Name);
        Assert.Equal(name, (await bob.GetHistoryAsync(room, 0, 10)).Single().SenderName);
    }

    public static TheoryData<string> HostileTexts => new()
    {
        "<script>alert('x')</script>",
        "<img src=x onerror=\"alert(1)\"><svg/onload=alert(2)>",
        "&lt;b&gt;not bold&lt;/b&gt; &amp; &#60;script&#62;",
        "x\r\n*1\r\n$8\r\nFLUSHALL\r\ny",
        "]] redis.call('FLUSHALL') --[[",
        "{{constructor.constructor('alert(1)')()}} ${7*7} {0} %s %n",
        "right\u202Eleft zero\u200Bwidth \uFEFFbom",
        "emoji 👩‍👩‍👧 and astral 𝄞 and CJK 名前",
        "\\u003cscript\\u003e \\\" \\\\",
        "line\u2028separator\u2029paragraph",
    };

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public async Task HostileTextIsStoredAndDeliveredVerbatimAcrossNodes(string text)
    {
        var room = Unique.Name("room");
        await using var alice = await HubProbe.ConnectAsync(Node1, Unique.Name("alice"));
        await using var bob = await HubProbe.ConnectAsync(Node2, Unique.Name("bob"));
        await alice.JoinRoomAsync(room);
        await bob.JoinRoomAsync(room);
        var before = await alice.SendMessageAsync(room, "before");

        var sent = await alice.SendMessageAsync(room, text);

        await bob.WaitForMessageAsync(sent);
        Assert.Equal(text, sent.Text);
        Assert.Equal(text, bob.Messages.Snapshot().Single(m => m.Id == sent.Id).Text);
        var history = await bob.GetHistoryAsync(room, 0, 10);
        Assert.Equal([before.Id, sent.Id], history.Select(m => m.Id)); // nothing was executed: the history is intact
        Assert.Equal(text, history[1].Text);
        Assert.Equal(text, (await bob.JoinRoomAsync(room)).Recent[^1].Text);
    }
}
