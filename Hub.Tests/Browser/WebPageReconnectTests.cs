using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RealtimeHub.Tests.Browser;

/// <summary>The page through server restarts: status, rejoin, gap fill, queued sends, and the Reconnect button.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebPageReconnectTests(BrowserFixture browser, RedisServerFixture redis)
    : BrowserTest(browser), IClassFixture<RedisServerFixture>
{
    /// <summary>Short backoff so a restart costs the test a second, not the default ten.</summary>
    private const string FastRetries = "?retryBaseMs=200&retryMaxMs=1000";

    /// <summary>More than a snapshot's 50 recent messages, so the page must page through GetHistory.</summary>
    private const int MissedCount = 120;

    private static readonly Regex Negotiate = new("/hubs/chat/negotiate");

    /// <summary>
    /// Alice's reconnects are held back (her negotiate requests fail) until Bob has sent, so his messages surely
    /// reach her only through the rejoin and GetHistory. In embedded mode the restart also empties the history,
    /// which the page must notice although the new sequences repeat the old ones.
    /// </summary>
    [Theory]
    [InlineData("embedded")]
    [InlineData("redis")]
    public async Task AfterAServerRestartThePageRejoinsShowsMissedMessagesOnceInOrderAndDeliversItsQueuedSendOnce(string mode)
    {
        await StartNodeAsync(NodeOptions(mode));
        var alice = await OpenSignedInAsync("alice", FastRetries);
        await alice.JoinAsync("general");
        await alice.SendAsync("before the restart");
        await Expect(alice.MessagesWithText("before the restart")).ToHaveCountAsync(1);

        await alice.Page.RouteAsync(Negotiate, route => route.AbortAsync());
        await Node.StopAsync();
        await alice.ExpectStateAsync("reconnecting");
        await alice.SendAsync("typed during the outage");
        await Expect(alice.PendingMessages).ToHaveTextAsync([new Regex("typed during the outage")]);

        Node = await Node.RestartAsync();
        await using var bob = await HubProbe.ConnectAsync(Node, "bob");
        await bob.JoinRoomAsync("general");
        var missed = Enumerable.Range(1, MissedCount).Select(i => $"missed {i}").ToArray();
        foreach (var text in missed)
        {
            await bob.SendMessageAsync("general", text);
        }

        await Expect(alice.Status).ToHaveAttributeAsync("data-state", "reconnecting");
        await alice.Page.UnrouteAsync(Negotiate);
        await alice.ExpectStateAsync("connected", BrowserTimeouts.Reconnect);

        await Expect(alice.MessageTexts).ToHaveTextAsync(["before the restart", .. missed, "typed during the outage"]);
        await Expect(alice.PendingMessages).ToHaveCountAsync(0);
        await Expect(alice.Member("bob")).ToBeVisibleAsync();
        var sequences = await alice.Messages.EvaluateAllAsync<long[]>("all => all.map(m => Number(m.dataset.sequence))");
        var firstAfterRestart = mode == "redis" ? 2 : 1;
        Assert.Equal(Enumerable.Range(firstAfterRestart, MissedCount + 1).Select(i => (long)i), sequences.Skip(1));

        var delivered = await bob.Messages.WaitUntilAsync(all => all.Any(m => m.Text == "typed during the outage"), "alice's queued message");
        Assert.Single(delivered, m => m.Text == "typed during the outage");
        Assert.Single(await bob.GetHistoryAsync("general", 0, ChatLimits.MaxHistoryPage), m => m.Text == "typed during the outage");
        Assert.Empty(alice.PageErrors);
        if (mode == "embedded")
        {
            await Screenshots.SaveAsync(alice.Page, "screenshot-reconnect.png");
        }
    }

    /// <summary>
    /// Redis restarts without persistence under a connected page: the page's connection to its node stays up, the
    /// room starts a new epoch whose sequences repeat the old ones, and the page must show those messages anyway.
    /// </summary>
    [Fact]
    public async Task WhenRedisRestartsEmptyThePageShowsEveryMessageBeforeAndAfterOnce()
    {
        await using var privateRedis = await RedisServerFixture.StartLocalAsync();
        await StartNodeAsync(new HubNodeOptions
        {
            RedisConfiguration = privateRedis.Configuration + FaultTestNodes.ShortTimeouts,
            ChannelPrefix = RedisServerFixture.NewPrefix("web-loss"),
        });
        var alice = await OpenSignedInAsync("alice", FastRetries);
        await alice.JoinAsync("general");
        await using var bob = await HubProbe.ConnectAsync(Node, "bob");
        await bob.JoinRoomAsync("general");
        await bob.SendMessageAsync("general", "old 1");
        await bob.SendMessageAsync("general", "old 2");
        await Expect(alice.MessageTexts).ToHaveTextAsync(["old 1", "old 2"]);

        await privateRedis.StopAsync();
        await privateRedis.StartAsync();
        await WaitUntilReadyAsync();
        for (var i = 1; i <= 3; i++)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await bob.SendMessageAsync("general", $"new {i}", $"new-{i}");
                    break;
                }
                catch (Microsoft.AspNetCore.SignalR.HubException ex) when (attempt < 5 && ex.Message.Contains(ChatErrors.Unavailable, StringComparison.Ordinal))
                {
                    await WaitUntilReadyAsync(); // a link not quite back yet: send again with the same id
                }
            }
        }

        await Expect(alice.MessageTexts).ToHaveTextAsync(["old 1", "old 2", "new 1", "new 2", "new 3"]);
        var shown = await alice.Messages.EvaluateAllAsync<string[]>("all => all.map(m => m.dataset.epoch + '/' + m.dataset.sequence)");
        var (oldEpoch, newEpoch) = (shown[0].Split('/')[0], shown[2].Split('/')[0]);
        Assert.NotEqual(oldEpoch, newEpoch);
        Assert.Equal([$"{oldEpoch}/1", $"{oldEpoch}/2", $"{newEpoch}/1", $"{newEpoch}/2", $"{newEpoch}/3"], shown);
        Assert.Empty(alice.PageErrors);
    }

    [Fact]
    public async Task WhenRetriesRunOutThePageSaysDisconnectedAndItsReconnectButtonWorks()
    {
        await StartNodeAsync();
        var alice = await OpenSignedInAsync("alice", "?retryMaxAttempts=2&retryBaseMs=100&retryMaxMs=200");
        await alice.JoinAsync("general");
        var reconnect = alice.Page.Locator("#reconnect");
        await Expect(reconnect).ToBeHiddenAsync();

        await Node.StopAsync();
        await alice.ExpectStateAsync("disconnected", BrowserTimeouts.Reconnect);
        await Expect(reconnect).ToBeVisibleAsync();
        await Expect(alice.Status).ToContainTextAsync("Gave up after 2 attempts");

        Node = await Node.RestartAsync();
        await reconnect.ClickAsync();
        await alice.ExpectStateAsync("connected", BrowserTimeouts.Reconnect);
        await Expect(reconnect).ToBeHiddenAsync();
        await alice.SendAsync("back again");
        await Expect(alice.MessagesWithText("back again")).ToHaveCountAsync(1);
    }

    private Task WaitUntilReadyAsync() =>
        Poll.UntilAsync(async () =>
        {
            using var http = Node.CreateHttpClient();
            return (await http.GetAsync("readyz")).IsSuccessStatusCode;
        }, "/readyz to answer 200", TestTimeouts.Reconnect);

    private HubNodeOptions NodeOptions(string mode) => new()
    {
        RedisConfiguration = mode == "redis" ? redis.Configuration : null,
        ChannelPrefix = mode == "redis" ? RedisServerFixture.NewPrefix("web") : null,
        // Bob sends his burst faster than the default limit allows.
        Settings = new Dictionary<string, string?> { ["Chat:RateLimit:PerSecond"] = "1000", ["Chat:RateLimit:Burst"] = "1000" },
    };
}
