using Microsoft.Extensions.Time.Testing;
using RealtimeHub.Server.History;
using RealtimeHub.Tests.Infrastructure;
using StackExchange.Redis;

namespace RealtimeHub.Tests.Redis;

/// <summary>Broadcast confirmations leave in batches: one ZREM per room per flush, on the timer or when the node stops.</summary>
public sealed class BroadcastConfirmationsTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task ARoomsConfirmationsLeaveAsOneRemoveWhenTheIntervalPasses()
    {
        await using var connection = await RedisTestConnections.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        var (key, room) = await UnbroadcastAsync(connection, "e1", "1", "2", "3", "4");
        var time = new FakeTimeProvider();
        using var confirmations = new BroadcastConfirmations(connection.GetDatabase(), _ => key, _ => "e1", Interval, time);
        var removesBefore = await RemoveCallsAsync(connection);

        foreach (var sequence in new[] { 1, 2, 3 })
        {
            confirmations.Add(room, "e1", sequence);
        }

        Assert.Equal(["1", "2", "3", "4"], await MembersAsync(connection, key.Unbroadcast)); // nothing left before the interval
        time.Advance(Interval);

        Assert.Equal(["4"], await MembersAsync(connection, key.Unbroadcast));
        Assert.Equal(removesBefore + 1, await RemoveCallsAsync(connection));
    }

    [Fact]
    public async Task AConfirmationForAnEpochTheRoomHasLeftIsDropped()
    {
        await using var connection = await RedisTestConnections.ConnectAsync(redis.Configuration);
        var (key, room) = await UnbroadcastAsync(connection, "e1", "1");
        using var confirmations = new BroadcastConfirmations(connection.GetDatabase(), _ => key, _ => "e2", Interval, new FakeTimeProvider());

        confirmations.Add(room, "e1", 1); // sequence 1 of e1; the room is in e2 now, where 1 is another message
        confirmations.Flush();

        Assert.Equal(["1"], await MembersAsync(connection, key.Unbroadcast));
    }

    [Fact]
    public async Task AConfirmationIsDroppedWhenAnotherNodeStartedANewEpochMeanwhile()
    {
        await using var connection = await RedisTestConnections.ConnectAsync(redis.Configuration);
        var (key, room) = await UnbroadcastAsync(connection, "e2", "1"); // Redis lost the room; e2's message 1 is listed
        using var confirmations = new BroadcastConfirmations(connection.GetDatabase(), _ => key, _ => "e1", Interval, new FakeTimeProvider());

        confirmations.Add(room, "e1", 1); // e1's message 1, confirmed by a node that has not seen e2 yet
        confirmations.Flush();

        Assert.Equal(["1"], await MembersAsync(connection, key.Unbroadcast));
    }

    [Fact]
    public async Task StoppingSendsWhatIsPending()
    {
        await using var connection = await RedisTestConnections.ConnectAsync(redis.Configuration);
        var (key, room) = await UnbroadcastAsync(connection, "e1", "1", "2");
        var confirmations = new BroadcastConfirmations(connection.GetDatabase(), _ => key, _ => string.Empty, Interval, new FakeTimeProvider());

        confirmations.Add(room, "e1", 2); // a room this node never read: not known to have moved on
        confirmations.Dispose();

        Assert.Equal(["1"], await MembersAsync(connection, key.Unbroadcast));
    }

    [Fact]
    public async Task AConnectionAlreadyClosedLosesTheConfirmationsWithoutThrowing()
    {
        var connection = await RedisTestConnections.ConnectAsync(redis.Configuration);
        var (key, room) = await UnbroadcastAsync(connection, "e1", "1");
        var confirmations = new BroadcastConfirmations(connection.GetDatabase(), _ => key, _ => "e1", Interval, new FakeTimeProvider());
        confirmations.Add(room, "e1", 1);
        await connection.DisposeAsync(); // a node that crashed: its Redis connection went first

        var error = Record.Exception(confirmations.Dispose);

        Assert.Null(error);
    }

    [Fact]
    public void TheIntervalIsATenthOfTheGraceWithinBounds()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(500), BroadcastConfirmations.IntervalFor(TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromMilliseconds(100), BroadcastConfirmations.IntervalFor(TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromMilliseconds(500), BroadcastConfirmations.IntervalFor(TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromMilliseconds(10), BroadcastConfirmations.IntervalFor(TimeSpan.FromMilliseconds(20)));
    }

    /// <summary>A room in epoch <paramref name="epoch"/> (in Redis) with these sequences listed as unbroadcast.</summary>
    private static async Task<((RedisKey State, RedisKey Unbroadcast) Keys, string Room)> UnbroadcastAsync(
        ConnectionMultiplexer connection, string epoch, params string[] sequences)
    {
        var room = Unique.Name("room");
        var prefix = $"{RedisServerFixture.NewPrefix("confirm")}:room:{{{room}}}";
        (RedisKey State, RedisKey Unbroadcast) keys = ($"{prefix}:state", $"{prefix}:unbroadcast");
        await connection.GetDatabase().HashSetAsync(keys.State, "epoch", epoch);
        await connection.GetDatabase().SortedSetAddAsync(keys.Unbroadcast, [.. sequences.Select(s => new SortedSetEntry(s, 0))]);
        return (keys, room);
    }

    // Read on the same connection after the fire-and-forget removes, so it sees them.
    private static async Task<string[]> MembersAsync(ConnectionMultiplexer connection, RedisKey key) =>
        [.. (await connection.GetDatabase().SortedSetRangeByRankAsync(key)).Select(v => (string)v!).Order(StringComparer.Ordinal)];

    private static async Task<long> RemoveCallsAsync(ConnectionMultiplexer connection)
    {
        var info = await connection.GetServers()[0].InfoAsync("commandstats");
        var zrem = info.SelectMany(g => g).FirstOrDefault(p => p.Key == "cmdstat_zrem").Value; // ZREM inside the script counts too
        return zrem is null ? 0 : long.Parse(zrem.Split(',')[0]["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
