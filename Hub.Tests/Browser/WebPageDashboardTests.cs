using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RealtimeHub.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RealtimeHub.Tests.Browser;

/// <summary>
/// <c>/dashboard</c> against a real node: values published through the server API show as rows, update, flash, chart
/// and go when removed; over both protocols, on a phone, through a restart and against a private feed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebPageDashboardTests(BrowserFixture browser) : BrowserTest(browser)
{
    /// <summary>Short backoff so a restart costs the test a second, not the default ten.</summary>
    private const string FastRetries = "?retryBaseMs=200&retryMaxMs=1000";

    private static readonly Regex WholeMilliseconds = new(@"^\d+$");

    [Fact]
    public async Task PublishedValuesShowAsRowsThatUpdateChartAndGoWhenRemoved()
    {
        await StartNodeAsync();
        var feed = Unique.Name("ticks");
        var alice = await OpenDashboardAsync("alice");
        Assert.Equal(200, alice.Response!.Status);
        Assert.Equal(new Uri(Node.BaseUri, "/dashboard").ToString(), alice.Response.Url);
        Assert.StartsWith("default-src 'self'", (await alice.Response.AllHeadersAsync())["content-security-policy"]);
        await alice.SignInAsync();
        await alice.WatchAsync(feed);
        await Expect(alice.WatchState).ToHaveAttributeAsync("data-kind", "watching");
        const string markup = "<img src=x onerror=\"window.__pwned=1\">";

        await PublishAsync(feed, ("ACME", new { price = 101.5, change = 0.5, volume = 10 }), ("GLOBX", 42), ("NOTE", markup));

        await Expect(alice.Instruments).ToHaveCountAsync(3);
        await Expect(alice.Instrument("ACME")).ToHaveAttributeAsync("data-version", "1");
        await Expect(alice.ValueOf("ACME")).ToHaveTextAsync("101.5");
        await Expect(alice.ValueOf("GLOBX")).ToHaveTextAsync("42");
        await Expect(alice.ValueOf("NOTE")).ToHaveTextAsync(markup);
        await Expect(alice.Page.Locator("#instruments img")).ToHaveCountAsync(0);

        await PublishAsync(feed, ("ACME", new { price = 102.25, change = 0.75, volume = 12 }));
        await Expect(alice.Instrument("ACME")).ToHaveAttributeAsync("data-version", "2");
        await Expect(alice.ValueOf("ACME")).ToHaveTextAsync("102.25");
        await Expect(alice.Instrument("ACME")).ToHaveClassAsync(new Regex(@"\bflash-up\b"));
        await Expect(alice.Latency).ToHaveTextAsync(WholeMilliseconds);
        await Expect(alice.Status).ToHaveAttributeAsync("data-state", "connected");

        // The first row is charted until another is clicked.
        await Expect(alice.Chart).ToHaveAttributeAsync("data-key", "ACME");
        await alice.Instrument("GLOBX").ClickAsync();
        await Expect(alice.Instrument("GLOBX")).ToHaveAttributeAsync("aria-current", "true");
        await PublishAsync(feed, ("GLOBX", 43));
        await Expect(alice.Chart).ToHaveAttributeAsync("data-key", "GLOBX");
        await Expect(alice.Chart).ToHaveAttributeAsync("data-points", "2");
        await Expect(alice.Chart.Locator("canvas")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(alice.Page, "screenshot-dashboard.png");

        await PublishAsync(feed, ("GLOBX", null));
        await Expect(alice.Instrument("GLOBX")).ToHaveCountAsync(0);
        await Expect(alice.Instruments).ToHaveCountAsync(2);
        Assert.True(await alice.Page.EvaluateAsync<bool>("() => window.__pwned === undefined"));
        Assert.Empty(alice.PageErrors);
        Assert.Empty(alice.ConsoleErrors);
    }

    [Fact]
    public async Task OverMessagePackOnAPhoneTheDashboardWatchesOnlyTheNamedKeysAndFits()
    {
        await StartNodeAsync();
        var feed = Unique.Name("ticks");
        var bob = await OpenDashboardAsync("bob", "?protocol=messagepack", width: 390, height: 844);
        var sent = new ConcurrentQueue<string>();
        bob.Page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) => sent.Enqueue(frame.Text ?? string.Empty);
        await bob.SignInAsync();
        await bob.WatchAsync(feed, "ACME, GLOBX", "5");
        await Expect(bob.WatchState).ToHaveAttributeAsync("data-kind", "watching");

        await PublishAsync(feed, ("ACME", new { price = 7.5, change = -0.25, volume = 3 }), ("GLOBX", 12), ("OTHER", 1));
        await Expect(bob.ValueOf("ACME")).ToHaveTextAsync("7.5");
        await Expect(bob.ValueOf("GLOBX")).ToHaveTextAsync("12");
        await Expect(bob.Instruments).ToHaveCountAsync(2);

        await PublishAsync(feed, ("GLOBX", 11));
        await Expect(bob.Instrument("GLOBX")).ToHaveAttributeAsync("data-version", "2");
        await Expect(bob.ValueOf("GLOBX")).ToHaveTextAsync("11");
        await Expect(bob.Latency).ToHaveTextAsync(WholeMilliseconds);
        Assert.Contains(sent, text => text.Contains("\"protocol\":\"messagepack\"", StringComparison.Ordinal));

        foreach (var id in new[] { "#status", "#feed", "#keys", "#maxPerSecond", "#watch", "#chart" })
        {
            await Expect(bob.Page.Locator(id)).ToBeInViewportAsync();
        }

        var overflow = await bob.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The dashboard is {overflow}px wider than a 390px screen.");
        await Screenshots.SaveAsync(bob.Page, "screenshot-dashboard-phone.png");
        Assert.Empty(bob.PageErrors);
    }

    /// <summary>The restarted embedded node has lost the feed: its snapshot must replace what the page showed.</summary>
    [Fact]
    public async Task AfterAServerRestartTheDashboardWatchesAgainAndTakesTheNewSnapshot()
    {
        await StartNodeAsync();
        var feed = Unique.Name("ticks");
        var carol = await OpenDashboardAsync("carol", FastRetries);
        await carol.SignInAsync();
        await carol.WatchAsync(feed);
        await PublishAsync(feed, ("ACME", 1), ("GLOBX", 2));
        await Expect(carol.Instruments).ToHaveCountAsync(2);

        await Node.StopAsync();
        await carol.ExpectStateAsync("reconnecting");
        Node = await Node.RestartAsync();
        await PublishAsync(feed, ("INITECH", 3));

        await carol.ExpectStateAsync("connected", BrowserTimeouts.Reconnect);
        await Expect(carol.Instruments).ToHaveCountAsync(1);
        await Expect(carol.Instrument("INITECH")).ToHaveAttributeAsync("data-version", "1");
        await PublishAsync(feed, ("INITECH", 4));
        await Expect(carol.ValueOf("INITECH")).ToHaveTextAsync("4");
        await Expect(carol.WatchState).ToHaveAttributeAsync("data-kind", "watching");
        Assert.Empty(carol.PageErrors);
    }

    [Fact]
    public async Task APrivateFeedIsRefusedWithAClearMessageUntilTheUserIsGranted()
    {
        await StartNodeAsync();
        var feed = Unique.Name("vip");
        using var api = Node.CreateApiHttpClient();
        (await api.PutAsJsonAsync($"/api/v1/feeds/{feed}", new { access = "private" })).EnsureSuccessStatusCode();
        await PublishAsync(feed, ("ACME", 1));
        var dave = await OpenDashboardAsync("dave");
        await dave.SignInAsync();

        await dave.WatchAsync(feed);

        await Expect(dave.WatchState).ToHaveAttributeAsync("data-kind", "stopped");
        await Expect(dave.WatchState).ToHaveTextAsync($"\"{feed}\" is a private feed: only its members can watch it.");
        await Expect(dave.Instruments).ToHaveCountAsync(0);
        await Expect(dave.Status).ToHaveAttributeAsync("data-state", "connected");

        Assert.Equal(HttpStatusCode.NoContent, (await api.PutAsync($"/api/v1/feeds/{feed}/members/dave", content: null)).StatusCode);
        await dave.Page.Locator("#watch").ClickAsync();
        await Expect(dave.ValueOf("ACME")).ToHaveTextAsync("1");
        await Expect(dave.WatchState).ToHaveAttributeAsync("data-kind", "watching");
    }

    [Fact]
    public async Task ThePagesLinkToEachOtherKeepingTheirSwitches()
    {
        await StartNodeAsync();
        using (var http = Node.CreateHttpClient())
        {
            // With or without the slash, the page itself, not a redirect: its assets are root-relative either way.
            using var response = await http.GetAsync("dashboard/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("<title>Dashboard", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var erin = await OpenDashboardAsync("erin", "?protocol=messagepack");
        await Expect(erin.Page.Locator("#pages a")).ToHaveTextAsync(["Chat", "Dashboard", "Docs", "Game"]);
        await Expect(erin.Page.Locator("#pages a[aria-current=page]")).ToHaveTextAsync("Dashboard");
        await erin.SignInAsync();

        await erin.Page.Locator("#pages a", new PageLocatorOptions { HasText = "Chat" }).ClickAsync();

        await Expect(erin.Page).ToHaveURLAsync(new Uri(Node.BaseUri, "/?protocol=messagepack").ToString());
        // The name signed in with is offered again on the other page.
        await Expect(erin.Page.Locator("#userName")).ToHaveValueAsync("erin");
        await Expect(erin.Page.Locator("#pages a[aria-current=page]")).ToHaveTextAsync("Chat");
        await Expect(erin.Page.Locator("#pages a", new PageLocatorOptions { HasText = "Dashboard" }))
            .ToHaveAttributeAsync("href", "/dashboard?protocol=messagepack");
    }

    /// <summary>Publishes through the server API with the tests' key; a null value removes the key.</summary>
    private async Task PublishAsync(string feed, params (string Key, object? Value)[] updates)
    {
        using var api = Node.CreateApiHttpClient();
        var body = new { updates = updates.Select(u => new { key = u.Key, value = u.Value }) };
        using var response = await api.PostAsJsonAsync($"/api/v1/feeds/{feed}/updates", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
