using System.Text.Json;
using MessagePack;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Live;

namespace RealtimeHub.Tests.Protocol;

/// <summary>The hub's MessagePack options: the JSON protocol's field names, everything else as SignalR writes it.</summary>
public sealed class ContractMessagePackTests
{
    private static readonly MessagePackSerializerOptions Contract = ContractMessagePack.SerializerOptions;
    private static readonly MessagePackSerializerOptions SignalRDefault = new MessagePackHubProtocolOptions().SerializerOptions;
    private static readonly JsonSerializerOptions JsonProtocol = new(JsonSerializerDefaults.Web);
    private static readonly DateTime SentAt = new(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);

    private static readonly ChatMessage Message = new("m-1", "lobby", "e-1", 7, "alice", "Alice", "<b>hi</b>", SentAt, "c-1");

    public static TheoryData<object> Shapes() =>
    [
        Message,
        new PrivateMessage("p-1", "alice", "Alice", "bob", "psst", SentAt, null),
        new UserPresence("alice", "Alice"),
        new RoomSnapshot("lobby", "e-1", [new UserPresence("alice", "Alice")], [Message], 7),
        new Notification("n-1", "invoice.ready", 42L, SentAt),
        new FeedBatch("quotes", true, [new FeedUpdate("ACME", 12.5, 3, SentAt)]),
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryShapeIsWrittenWithTheNamesTheJsonProtocolGivesIt(object shape)
    {
        var wire = ReadMap(MessagePackSerializer.Serialize(shape.GetType(), shape, Contract));
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(shape, shape.GetType(), JsonProtocol));

        Assert.Equal(json.RootElement.EnumerateObject().Select(p => p.Name), wire.Keys.Cast<string>());
    }

    [Fact]
    public void NestedShapesAreNamedAndTimesStayMessagePackTimestamps()
    {
        var snapshot = new RoomSnapshot("lobby", "e-1", [new UserPresence("alice", "Alice")], [Message], 7);

        var wire = ReadMap(MessagePackSerializer.Serialize(snapshot, Contract));
        var member = Assert.IsType<Dictionary<object, object?>>(Assert.Single(Assert.IsType<object[]>(wire["members"])));
        var recent = Assert.IsType<Dictionary<object, object?>>(Assert.Single(Assert.IsType<object[]>(wire["recent"])));

        Assert.Equal(["userId", "name"], member.Keys.Cast<string>());
        Assert.Equal("alice", recent["senderId"]);
        Assert.Equal(SentAt, Assert.IsType<DateTime>(recent["sentAt"]));
        Assert.DoesNotContain("SenderId", recent.Keys.Cast<string>());
    }

    [Fact]
    public void PlainDictionaryValuesKeepTheirKeysExactlyAsSent()
    {
        var data = new Dictionary<string, object?>
        {
            ["Invoice"] = 42L,
            ["lines"] = new List<object?> { new Dictionary<string, object?> { ["Amount"] = 1L, ["SenderId"] = "x" } },
        };
        var notification = ReadMap(MessagePackSerializer.Serialize(new Notification("n-1", "invoice.ready", data, SentAt), Contract));
        var update = ReadMap(MessagePackSerializer.Serialize(new FeedUpdate("ACME", data, 3, SentAt), Contract));

        foreach (var value in new[] { notification["data"], update["value"] })
        {
            var map = Assert.IsType<Dictionary<object, object?>>(value);
            Assert.Equal(["Invoice", "lines"], map.Keys.Cast<string>());
            var line = Assert.IsType<Dictionary<object, object?>>(Assert.Single(Assert.IsType<object[]>(map["lines"])));
            Assert.Equal(["Amount", "SenderId"], line.Keys.Cast<string>());
        }
    }

    [Fact]
    public void AShapeHeldAsAPlainValueIsNamedTheSameWay()
    {
        var notification = new Notification("n-1", "presence", new Dictionary<string, object?> { ["Who"] = new UserPresence("alice", "Alice") }, SentAt);

        var data = Assert.IsType<Dictionary<object, object?>>(ReadMap(MessagePackSerializer.Serialize(notification, Contract))["data"]);

        Assert.Equal(["userId", "name"], Assert.IsType<Dictionary<object, object?>>(data["Who"]).Keys.Cast<string>());
    }

    [Fact]
    public void PositionalRecordsAreReadBackThroughTheirConstructors()
    {
        var snapshot = new RoomSnapshot("lobby", "e-1", [new UserPresence("alice", "Alice")], [Message], 7);
        var batch = new FeedBatch("quotes", true, [new FeedUpdate("ACME", null, 3, SentAt)]);

        var readSnapshot = RoundTrip(snapshot);
        var readBatch = RoundTrip(batch);

        Assert.Equal(JsonSerializer.Serialize(snapshot, JsonProtocol), JsonSerializer.Serialize(readSnapshot, JsonProtocol));
        Assert.Equal(JsonSerializer.Serialize(batch, JsonProtocol), JsonSerializer.Serialize(readBatch, JsonProtocol));
        Assert.Equal(DateTimeKind.Utc, readSnapshot.Recent[0].SentAt.Kind);
    }

    [Fact]
    public void MapsWithCSharpNamesOrUnknownKeysAreStillRead()
    {
        var old = MessagePackSerializer.Serialize(Message, SignalRDefault); // what a peer on SignalR's defaults sends
        var newer = MessagePackSerializer.Serialize(new Dictionary<string, object?> { ["userId"] = "alice", ["name"] = "Alice", ["avatar"] = new[] { 1, 2 } }, Contract);

        Assert.Equal(Message, MessagePackSerializer.Deserialize<ChatMessage>(old, Contract));
        Assert.Equal(new UserPresence("alice", "Alice"), MessagePackSerializer.Deserialize<UserPresence>(newer, Contract));
    }

    private static T RoundTrip<T>(T value) => MessagePackSerializer.Deserialize<T>(MessagePackSerializer.Serialize(value, Contract), Contract);

    /// <summary>The bytes as any MessagePack reader sees them: maps with string keys, in wire order.</summary>
    private static Dictionary<object, object?> ReadMap(byte[] bytes) =>
        Assert.IsType<Dictionary<object, object?>>(MessagePackSerializer.Deserialize<object>(bytes, SignalRDefault));
}
