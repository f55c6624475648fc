using System.Text.Json;
using RealtimeHub.Cli.Commands;
using RealtimeHub.Cli.Live;

namespace RealtimeHub.Tests.Client;

/// <summary>How <c>publish-feed</c> reads its input lines.</summary>
public sealed class FeedLineTests
{
    [Theory]
    [InlineData("AAPL=187.5", "AAPL", "187.5")]
    [InlineData("  AAPL = 187.5  ", "AAPL", "187.5")]
    [InlineData("""AAPL={"price":187.5,"volume":10}""", "AAPL", """{"price":187.5,"volume":10}""")]
    [InlineData("flag=true", "flag", "true")]
    [InlineData("list=[1,2]", "list", "[1,2]")]
    [InlineData("""quoted="42" """, "quoted", "\"42\"")]
    [InlineData("status=market open", "status", "\"market open\"")]
    [InlineData("odd=12abc", "odd", "\"12abc\"")]
    [InlineData("empty=", "empty", "\"\"")]
    [InlineData("gone=null", "gone", "null")]
    [InlineData("eq=a=b", "eq", "\"a=b\"")]
    [InlineData("sensor.t1:room-2_x=1", "sensor.t1:room-2_x", "1")]
    public void AKeyValueLineSendsAValueThatParsesAsJsonAsThatJsonAndAnythingElseAsAString(string line, string key, string json)
    {
        var parsed = FeedLine.Parse(line);

        Assert.Null(parsed.Error);
        Assert.Equal(key, parsed.Entry!.Key);
        Assert.Equal(json, parsed.Entry.Value.GetRawText());
    }

    [Theory]
    [InlineData("""{"key":"AAPL","value":{"price":1}}""", "AAPL", """{"price":1}""")]
    [InlineData("""{"key":"AAPL","value":null,"version":7,"publishedAt":"2026-01-01T00:00:00Z"}""", "AAPL", "null")]
    [InlineData("""  {"value":"x","key":"B"}  """, "B", "\"x\"")]
    public void AJsonLineSendsItsKeyAndValueAndIgnoresTheRest(string line, string key, string json)
    {
        var parsed = FeedLine.Parse(line);

        Assert.Null(parsed.Error);
        Assert.Equal(key, parsed.Entry!.Key);
        Assert.Equal(json, parsed.Entry.Value.GetRawText());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("# a comment")]
    public void BlankLinesAndCommentsAreSkipped(string line) => Assert.True(FeedLine.Parse(line).IsSkipped);

    [Theory]
    [InlineData("no equals sign", "expected key=value")]
    [InlineData("=5", "invalid key")]
    [InlineData("two words=5", "invalid key")]
    [InlineData("caf\u00e9=5", "invalid key")]
    [InlineData("""{"key":"A"}""", "needs \"key\"")]
    [InlineData("""{"key":5,"value":1}""", "needs \"key\"")]
    [InlineData("""{"key":"A","value":""", "not valid JSON")]
    [InlineData("""{"key":"has space","value":1}""", "invalid key")]
    public void AnInvalidLineSaysWhy(string line, string error)
    {
        var parsed = FeedLine.Parse(line);

        Assert.Null(parsed.Entry);
        Assert.Contains(error, parsed.Error);
    }

    [Fact]
    public void AKeyOver64CharactersIsInvalid()
    {
        Assert.Null(FeedLine.Parse(new string('k', 64) + "=1").Error);
        Assert.Contains("invalid key", FeedLine.Parse(new string('k', 65) + "=1").Error);
    }

    [Fact]
    public void AValueOver4KiBOfJsonIsInvalidCountedAsTheRequestWillCarryIt()
    {
        Assert.Null(FeedLine.Parse("k=" + new string('x', 4094)).Error); // 4,096 bytes with its quotes
        Assert.Contains("at most 4096", FeedLine.Parse("k=" + new string('x', 4095)).Error);
        Assert.Contains("at most 4096", FeedLine.Parse("k=" + new string('\u00e9', 700)).Error); // each sent as \u00e9: 6 bytes
    }

    [Fact]
    public void AnEntrysSizeCoversItsKeyAndValueAsSent()
    {
        var parsed = FeedLine.Parse("AAPL=187.5");
        var sent = JsonSerializer.SerializeToUtf8Bytes(parsed.Entry, new JsonSerializerOptions(JsonSerializerDefaults.Web)).Length;

        Assert.InRange(parsed.Bytes, sent, sent + 4);
    }

    [Theory]
    [InlineData("AAPL,MSFT", new[] { "AAPL", "MSFT" })]
    [InlineData(" AAPL , ,MSFT ", new[] { "AAPL", "MSFT" })]
    public void WatchKeysAreSplitAtCommas(string keys, string[] expected) => Assert.Equal(expected, WatchCommand.SplitKeys(keys)!);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" , ")]
    public void NoWatchKeysMeansEveryKey(string? keys) => Assert.Null(WatchCommand.SplitKeys(keys));
}
