using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using RealtimeHub.Cli.Live;
using RealtimeHub.Client;
using RealtimeHub.Contracts.Live;
using Spectre.Console;

namespace RealtimeHub.Tests.Client;

/// <summary>What <c>watch</c> shows on a terminal, rendered to text.</summary>
public sealed class FeedTableTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FeedTable _table;

    public FeedTableTests() => _table = new FeedTable("quotes", _time);

    [Theory]
    [InlineData("187.25", "187.25")]
    [InlineData("""{"price":187.25,"change":-0.5,"volume":1200}""", "187.25")]
    [InlineData("""{"bid":1,"ask":2}""", """{"bid":1,"ask":2}""")]
    [InlineData("\"open\"", "open")]
    [InlineData("[1, 2]", "[1,2]")]
    [InlineData("\"caf\u00e9\"", "caf\u00e9")]
    public void AValueIsShownAsANumberItsPriceItsTextOrCompactJson(string json, string shown) =>
        Assert.Equal(shown, FeedValueText.Format(JsonDocument.Parse(json).RootElement));

    [Fact]
    public void ALongValueIsShortened()
    {
        var shown = FeedValueText.Format(JsonSerializer.SerializeToElement(new string('x', 500)));

        Assert.Equal(FeedValueText.MaxLength, shown.Length);
        Assert.EndsWith("…", shown);
    }

    [Fact]
    public void TheTableShowsEachKeysValueVersionAndAgeSortedByKeyUnderTheConnectionState()
    {
        _table.SetState(new ChatStateChange(ChatConnectionState.Connected));
        _table.Apply(new FeedBatch("quotes", true, [Update("MSFT", """{"price":410.5}""", 3, ageSeconds: 2.5), Update("AAPL", "187", 12, ageSeconds: 30)]));

        var lines = Rendered();

        Assert.Contains("connected", lines[0]);
        Assert.Contains("feed quotes · 2 keys", lines[0]);
        var aapl = Assert.Single(lines, l => l.Contains("AAPL"));
        var msft = Assert.Single(lines, l => l.Contains("MSFT"));
        Assert.True(lines.IndexOf(aapl) < lines.IndexOf(msft), "sorted by key");
        Assert.Matches(@"AAPL\s*│\s*187\s*│\s*12\s*│\s*30 s", aapl);
        Assert.Matches(@"MSFT\s*│\s*410\.5\s*│\s*3\s*│\s*2\.5 s", msft);
    }

    [Fact]
    public void ASnapshotReplacesTheRowsAndARemovalDeletesOne()
    {
        _table.Apply(new FeedBatch("quotes", true, [Update("A", "1", 1), Update("B", "1", 1)]));
        _table.Apply(new FeedBatch("quotes", false, [Update("A", "null", 2)]));
        Assert.DoesNotContain(Rendered(), l => l.Contains(" A "));

        _table.Apply(new FeedBatch("quotes", true, [Update("C", "1", 1)]));

        var lines = Rendered();
        Assert.DoesNotContain(lines, l => l.Contains(" B "));
        Assert.Contains(lines, l => l.Contains(" C "));
    }

    [Fact]
    public void AReconnectingClientIsShownWithItsAttempt()
    {
        _table.SetState(new ChatStateChange(ChatConnectionState.Reconnecting, 3, TimeSpan.FromSeconds(2), new IOException("refused")));

        Assert.Contains("reconnecting: attempt 3 in 2.0s", Rendered()[0]);
    }

    private FeedUpdate Update(string key, string json, long version, double ageSeconds = 0) =>
        new(key, JsonDocument.Parse(json).RootElement.Clone(), version, _time.GetUtcNow().UtcDateTime.AddSeconds(-ageSeconds));

    private List<string> Rendered()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 100;
        console.Write(_table.Render());
        return [.. output.ToString().Split('\n')];
    }
}
