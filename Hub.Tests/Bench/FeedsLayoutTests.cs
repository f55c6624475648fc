using System.Text;
using RealtimeHub.Cli.Bench.Measuring;
using RealtimeHub.Cli.Bench.Scenarios;

namespace RealtimeHub.Tests.Bench;

/// <summary>
/// The feeds load's shape, which both generators must share: the same literals are asserted by
/// bench/socketio/test/feeds-lib.test.js, so Hub.Cli and loadgen.js publish and watch alike.
/// </summary>
public sealed class FeedsLayoutTests
{
    [Fact]
    public void AnUpdateIsAQuoteWithTheScheduledPublishTimeAsTheSocketIoGeneratorWritesIt()
    {
        var json = new StringBuilder();
        new FeedsLayout(500).AppendUpdate(json, 12345, 1234.5678);
        new FeedsLayout(100).AppendUpdate(json.Append('|'), 0, 0);

        Assert.Equal(
            """{"key":"SYM345","value":{"price":94.24,"change":-0.76,"volume":1024,"t":1234.568}}""" + "|" +
            """{"key":"SYM000","value":{"price":49.00,"change":-1.00,"volume":1000,"t":0.000}}""",
            json.ToString());
    }

    [Theory]
    [InlineData(5000, 500, 200)]
    [InlineData(1000, 100, 200)]
    [InlineData(10, 20, 10)]
    public void EveryWatcherWatchesTwentyDistinctInstrumentsAndEveryInstrumentHasAsManyWatchers(int watchers, int instruments, int each)
    {
        var layout = new FeedsLayout(instruments);

        Assert.All(Enumerable.Range(0, watchers), w => Assert.Equal(20, layout.WatcherInstruments(w).Distinct().Count()));
        Assert.All(layout.WatchersPerInstrument(watchers), count => Assert.Equal(each, count));
    }

    [Fact]
    public void AWatchersInstrumentsAndWatchArgumentsMatchTheSocketIoGenerators()
    {
        var layout = new FeedsLayout(500);

        Assert.Equal([111, 136, 161, 186, 211, 236, 261, 286, 311, 336, 361, 386, 411, 436, 461, 486, 11, 36, 61, 86], layout.WatcherInstruments(3));
        Assert.StartsWith("""["quotes",["SYM111","SYM136",""", layout.WatchArguments(3));
        Assert.EndsWith("\"SYM086\"],2]", layout.WatchArguments(3));
    }

    [Theory]
    [InlineData(10000)]
    [InlineData(2000)]
    [InlineData(250)]
    [InlineData(33)]
    public void BatchesEveryTenMillisecondsAddUpToTheRateEachSecond(double rate) =>
        Assert.Equal(rate, Enumerable.Range(0, 100).Sum(batch => FeedsLayout.BatchSize(batch, rate)));

    [Fact]
    public void EveryUpdatesPublishTimeIsReadFromAStreamItemAndSnapshotsAreKnown()
    {
        var item = """{"type":2,"invocationId":"1","item":{"feed":"quotes","snapshot":false,"updates":[{"key":"SYM001","value":{"price":1.5,"t":8812.125},"version":3,"publishedAt":"2026-12-06T15:55:11.184Z"},{"key":"SYM002","value":{"price":2,"t":8813},"version":9,"publishedAt":"2026-12-06T15:55:11.184Z"}]}}"""u8;
        var read = new List<double>();
        var timestamps = new FeedTimestamps(item);
        while (timestamps.TryNext(out var t))
        {
            read.Add(t);
        }

        Assert.Equal([8812.125, 8813], read);
        Assert.False(FeedTimestamps.IsSnapshot(item));
        Assert.True(FeedTimestamps.IsSnapshot("""{"type":2,"invocationId":"1","item":{"feed":"quotes","snapshot":true,"updates":[]}}"""u8));
    }

    [Fact]
    public void AConnectionsKernelQueueIsTheClientEndsReceiveQueueOrTheServerEndsSendQueue()
    {
        // 127.0.0.1:0x5208 (21000) is the server, 127.0.0.1:0xA001 (40961) the client.
        const string server = "   3: 0100007F:5208 0100007F:A001 01 0000F000:00000000 01:00000014 00000000     0        0 1 1 0 20 4 30 10 -1";
        const string client = "   4: 0100007F:A001 0100007F:5208 01 00000000:00000C00 00:00000000 00000000     0        0 2 1 0 20 4 30 10 -1";

        Assert.Equal(0xF000, TcpQueues.Queued(server, 40961, 21000));
        Assert.Equal(0xC00, TcpQueues.Queued(client, 40961, 21000));
        Assert.Null(TcpQueues.Queued(client, 40962, 21000));
        Assert.Null(TcpQueues.Queued("  sl  local_address rem_address   st tx_queue rx_queue", 40961, 21000));
    }
}
