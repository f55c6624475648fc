using System.Text.Json;
using RealtimeHub.Server.Games;
using RealtimeHub.Server.Games.Arena;

namespace RealtimeHub.Tests.Games;

public sealed class MatchInputTests
{
    [Theory]
    [InlineData("""{ "dx": 0.5, "dy": -1 }""", 0.5, -1)]
    [InlineData("""{ "dx": 3, "dy": -1e300 }""", 1, -1)]
    [InlineData("""{ "dx": "1", "dy": true }""", 0, 0)]
    [InlineData("""{ "dx": null, "dy": { "v": 1 } }""", 0, 0)]
    [InlineData("""{ "DX": 1, "x": 500, "y": 500 }""", 0, 0)]
    [InlineData("""[1, 1]""", 0, 0)]
    [InlineData("""0.7""", 0, 0)]
    [InlineData("""null""", 0, 0)]
    public void ArenaInputsReadFromJsonAreClampedAndWhatIsNotANumberCountsAsZero(string json, double dx, double dy) =>
        Assert.Equal(new ArenaInput(dx, dy), ArenaMatch.ParseInput(new MatchInput(JsonDocument.Parse(json).RootElement)));

    [Fact]
    public void MessagePackMapsOfAnyNumericTypeAreReadLikeJson()
    {
        // What SignalR's MessagePack protocol hands a hub for an object argument: a map with object keys, and the
        // smallest integer type that holds each number.
        object?[] numbers = [(byte)1, (sbyte)-1, (short)-2, (ushort)2, 3, 4u, -5L, 6UL, 0.25f, 0.5, 0.75m];
        foreach (var number in numbers)
        {
            var map = new Dictionary<object, object?> { ["dx"] = number };
            Assert.Equal(Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture), new MatchInput(map).Number("dx"));
        }
    }

    [Fact]
    public void NotANumberAndInfinityCountAsZero()
    {
        var map = new Dictionary<string, object?> { ["a"] = double.NaN, ["b"] = float.PositiveInfinity, ["c"] = "7" };

        Assert.Equal((0.0, 0.0, 0.0, 0.0), (new MatchInput(map).Number("a"), new MatchInput(map).Number("b"), new MatchInput(map).Number("c"), new MatchInput(map).Number("missing")));
        Assert.Equal(0, new MatchInput(null).Number("dx"));
        Assert.Equal(0, new MatchInput("dx").Number("dx"));
    }
}
