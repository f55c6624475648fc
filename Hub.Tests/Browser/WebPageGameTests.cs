using System.Text.RegularExpressions;
using RealtimeHub.Tests.Games;
using RealtimeHub.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RealtimeHub.Tests.Browser;

/// <summary>
/// <c>/game</c> against a real node: a match is found, the keys and a drag move the player on the server (seen by a
/// probe seated in the same match and on the page), the scoreboard and ping show, two users' tabs share a match over
/// both protocols and long polling, and after its node restarts (on Redis) the page takes its seat back.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebPageGameTests(BrowserFixture browser, RedisServerFixture redis)
    : BrowserTest(browser), IClassFixture<RedisServerFixture>
{
    /// <summary>Short backoff so a restart costs the test a second, not the default ten.</summary>
    private const string FastRetries = "?retryBaseMs=200&retryMaxMs=1000";

    /// <summary>Field units the player must cover before it counts as moved (at 200 a second: a fifth of a second).</summary>
    private const double Moved = 40;

    private static readonly Regex WholeNumber = new(@"^\d+$");

    [Fact]
    public async Task AMatchIsFoundAnArrowKeyMovesThePlayerOnTheServerAndTheScoreboardShowsIt()
    {
        await StartNodeAsync(GameNode());
        var alice = await OpenGameAsync("alice");
        await Expect(alice.Page.Locator("#pages a[aria-current=page]")).ToHaveTextAsync("Game");
        await alice.SignInAsync();
        var matchId = await alice.FindMatchAsync();
        await Expect(alice.ScoreOf("alice")).ToHaveTextAsync(WholeNumber);
        await using var probe = await GameProbe.ConnectAsync(Node, "probe");
        await probe.JoinMatchAsync(matchId);
        var start = probe.Position(matchId, "alice") ?? throw new InvalidOperationException("The probe does not see alice.");
        var (key, sign) = start.X < 500 ? ("ArrowRight", 1) : ("ArrowLeft", -1);

        await alice.HoldKeyAsync(key);

        await probe.WaitForStateAsync(matchId, s => GameProbe.PositionIn(s, "alice") is { } at && (at.X - start.X) * sign >= Moved, "alice moving on the server");
        Assert.True(((await alice.PredictedPositionAsync()).X - start.X) * sign >= Moved, "The page's own player did not move.");
        await alice.Page.Keyboard.UpAsync(key);
        // Once the stop is applied, reconciliation leaves nothing to replay: the prediction is the server's position.
        await Poll.UntilAsync(
            async () =>
            {
                var (server, predicted) = (await alice.ServerPositionAsync(), await alice.PredictedPositionAsync());
                return (server.X - start.X) * sign >= Moved && server == predicted && server.Y == Math.Round(start.Y);
            },
            "the page's prediction to settle on the server's position");
        var settled = await alice.ServerPositionAsync();
        Assert.Equal(settled.X, Math.Round(probe.Position(matchId, "alice")!.Value.X));

        await Expect(alice.Ping).ToHaveTextAsync(WholeNumber);
        await Expect(alice.ScoreOf("probe")).ToHaveTextAsync(WholeNumber);
        await Expect(alice.Scores).ToHaveCountAsync(2);
        // Rounds last 3 s here: the result shows, and the scoreboard goes on.
        await Expect(alice.Page.Locator("#roundResult")).ToContainTextAsync("Round over");
        await Expect(alice.Scores).ToHaveCountAsync(2);
        await Screenshots.SaveAsync(alice.Page, "screenshot-game.png");
        Assert.Empty(alice.PageErrors);
    }

    [Fact]
    public async Task TwoUsersTabsLandInOneMatchOverMessagePackAndLongPollingAndADragMovesThePlayer()
    {
        await StartNodeAsync(GameNode());
        var bob = await OpenGameAsync("bob", "?protocol=messagepack", width: 390, height: 844);
        var carol = await OpenGameAsync("carol", "?transport=longpolling");
        var framesSent = new List<string>();
        bob.Page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) =>
        {
            lock (framesSent)
            {
                framesSent.Add(frame.Text ?? string.Empty);
            }
        };
        await bob.SignInAsync();
        await carol.SignInAsync();

        var matchId = await bob.FindMatchAsync();
        Assert.Equal(matchId, await carol.FindMatchAsync());

        foreach (var page in new[] { bob, carol })
        {
            await Expect(page.Scores).ToHaveCountAsync(2);
            await Expect(page.ScoreOf("bob")).ToHaveTextAsync(WholeNumber);
            await Expect(page.ScoreOf("carol")).ToHaveTextAsync(WholeNumber);
        }

        lock (framesSent)
        {
            Assert.Contains(framesSent, text => text.Contains("\"protocol\":\"messagepack\"", StringComparison.Ordinal));
        }

        // Carol presses on the field 200 units to one side of her player and holds: she goes that way.
        var start = await carol.ServerPositionAsync();
        var sign = start.X < 500 ? 1 : -1;
        var box = await carol.Canvas.BoundingBoxAsync() ?? throw new InvalidOperationException("The canvas is not shown.");
        await carol.Page.Mouse.MoveAsync(box.X + (float)((start.X + (200 * sign)) / 1000 * box.Width), box.Y + (float)(start.Y / 1000 * box.Height));
        await carol.Page.Mouse.DownAsync();
        await Poll.UntilAsync(async () => ((await carol.ServerPositionAsync()).X - start.X) * sign >= Moved, "carol moving towards the press");
        await carol.Page.Mouse.UpAsync();
        await Expect(carol.Ping).ToHaveTextAsync(WholeNumber);

        // Bob plays on a phone: the field and the controls fit without sideways scrolling.
        foreach (var id in new[] { "#status", "#findMatch", "#gameCanvas", "#ping" })
        {
            await Expect(bob.Page.Locator(id)).ToBeInViewportAsync();
        }

        var overflow = await bob.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The game is {overflow}px wider than a 390px screen.");
        await Screenshots.SaveAsync(bob.Page, "screenshot-game-phone.png");
        Assert.Empty(bob.PageErrors);
        Assert.Empty(carol.PageErrors);
    }

    [Fact]
    public async Task AfterItsNodeRestartsThePageTakesItsSeatBackAndPlaysOn()
    {
        await StartNodeAsync(GameNode(redis.Configuration));
        var dave = await OpenGameAsync("dave", FastRetries);
        await dave.SignInAsync();
        var matchId = await dave.FindMatchAsync();
        var before = await dave.ServerPositionAsync();

        await Node.StopAsync();
        await dave.ExpectStateAsync("reconnecting");
        Node = await Node.RestartAsync();

        await dave.ExpectStateAsync("connected", BrowserTimeouts.Reconnect);
        await Expect(dave.Canvas).ToHaveAttributeAsync("data-match-id", matchId, new() { Timeout = (float)BrowserTimeouts.Reconnect.TotalMilliseconds });
        await Expect(dave.ScoreOf("dave")).ToHaveTextAsync(WholeNumber);
        var (key, sign) = before.X < 500 ? ("ArrowRight", 1) : ("ArrowLeft", -1);
        await dave.HoldKeyAsync(key);
        await Poll.UntilAsync(async () => ((await dave.ServerPositionAsync()).X - before.X) * sign >= Moved, "dave moving after the restart");
        await dave.Page.Keyboard.UpAsync(key);
        Assert.Empty(dave.PageErrors);
    }

    /// <summary>The games fixtures' settings: a view over the whole field (the probe sees everyone) and 3 s rounds.</summary>
    private static HubNodeOptions GameNode(string? redisConfiguration = null) => new()
    {
        RedisConfiguration = redisConfiguration,
        ChannelPrefix = redisConfiguration is null ? null : RedisServerFixture.NewPrefix("game-web"),
        Settings = new Dictionary<string, string?>(GameSettings.Behaviour),
    };
}
