using Microsoft.Playwright;
using RealtimeHub.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RealtimeHub.Tests.Browser;

/// <summary>The page as users meet it: real Kestrel node, real Chromium, driven through the ids of CONTRACT §7.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _cleanup = [];
    private HubNode _node = null!;

    public async Task InitializeAsync() => _node = await HubNode.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var item in Enumerable.Reverse(_cleanup))
        {
            await item.DisposeAsync();
        }

        await _node.StopAsync();
    }

    [Fact]
    public async Task TwoPagesChatAndSeeEachOtherAsMembersAndTyping()
    {
        var room = Unique.Name("lobby");
        var alice = await OpenSignedInAsync("alice");
        var bob = await OpenSignedInAsync("bob");
        await alice.JoinAsync(room);
        await bob.JoinAsync(room);

        await Expect(alice.Member("bob")).ToBeVisibleAsync();
        await Expect(bob.Member("alice")).ToBeVisibleAsync();

        await bob.Page.Locator("#messageInput").PressSequentiallyAsync("hel");
        await Expect(alice.Typing).ToContainTextAsync("bob is typing");

        await bob.SendAsync("hello alice");
        await alice.SendAsync("hi bob, how are you?");

        await Expect(alice.MessageTexts).ToHaveTextAsync(["hello alice", "hi bob, how are you?"]);
        await Expect(bob.MessageTexts).ToHaveTextAsync(["hello alice", "hi bob, how are you?"]);
        await Expect(alice.MessagesWithText("hello alice")).ToHaveAttributeAsync("data-sender", "bob");
        await Expect(alice.MessagesWithText("hi bob, how are you?")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bown\b"));
        await Expect(alice.Messages.First).ToHaveAttributeAsync("data-sequence", "1");
        // Sending clears the sender's typing state, so the indicator goes without waiting for it to expire.
        await Expect(alice.Typing).ToBeEmptyAsync();

        await Screenshots.SaveAsync(alice.Page, "screenshot.png");
    }

    [Fact]
    public async Task MarkupInAMessageShowsAsTextAndRunsNothing()
    {
        var room = Unique.Name("xss");
        var alice = await OpenSignedInAsync("alice");
        var bob = await OpenSignedInAsync("bob");
        await alice.JoinAsync(room);
        await bob.JoinAsync(room);
        string[] payloads =
        [
            "<img src=x onerror=\"window.__pwned=1\">",
            "<script>window.__pwned=1</script>",
            "<b onmouseover=\"window.__pwned=1\">bold?</b> & &amp; &lt;",
        ];

        foreach (var payload in payloads)
        {
            await alice.SendAsync(payload);
        }

        await Expect(bob.MessageTexts).ToHaveTextAsync(payloads);
        foreach (var page in new[] { alice.Page, bob.Page })
        {
            await Expect(page.Locator("#messages img, #messages script, #messages b")).ToHaveCountAsync(0);
            Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"));
        }
    }

    [Fact]
    public async Task ClickingAMemberSendsThemAPrivateMessage()
    {
        var room = Unique.Name("dm");
        var alice = await OpenSignedInAsync("alice");
        var bob = await OpenSignedInAsync("bob");
        await alice.JoinAsync(room);
        await bob.JoinAsync(room);

        await alice.Member("bob").ClickAsync();
        await Expect(alice.Page.Locator("#conversationTitle")).ToHaveTextAsync("@bob");
        await alice.SendAsync("just between us");

        await Expect(bob.Conversation("@alice")).ToBeVisibleAsync();
        await Expect(bob.Conversation("@alice")).ToContainTextAsync("1");
        await bob.Conversation("@alice").ClickAsync();
        await Expect(bob.Page.Locator("#messages .message.private .text")).ToHaveTextAsync(["just between us"]);
        await Expect(alice.Page.Locator("#messages .message.private .text")).ToHaveTextAsync(["just between us"]);
        // The room itself never saw it.
        await bob.Conversation("#" + room).ClickAsync();
        await Expect(bob.Messages).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Alice's reconnects are held back (her negotiate requests fail) until Bob has reconnected and sent, so
    /// his messages are surely sent during her outage and reach her only through the rejoin and GetHistory.
    /// </summary>
    [Fact]
    public async Task AfterAServerRestartThePageRejoinsShowsMissedMessagesOnceAndDeliversItsQueuedSendOnce()
    {
        var room = Unique.Name("restart");
        var alice = await OpenSignedInAsync("alice", FastRetries);
        var bob = await OpenSignedInAsync("bob", FastRetries);
        await alice.JoinAsync(room);
        await bob.JoinAsync(room);
        await alice.SendAsync("before the restart");
        await Expect(bob.MessagesWithText("before the restart")).ToHaveCountAsync(1);

        var negotiate = new System.Text.RegularExpressions.Regex("/hubs/chat/negotiate");
        await alice.Page.RouteAsync(negotiate, route => route.AbortAsync());
        await _node.StopAsync();
        await alice.ExpectStateAsync("reconnecting");
        await alice.SendAsync("typed during the outage");
        await Expect(alice.PendingMessages).ToHaveTextAsync([new System.Text.RegularExpressions.Regex("typed during the outage")]);

        _node = await _node.RestartAsync();
        await bob.ExpectStateAsync("connected", BrowserTimeouts.Reconnect);
        await Expect(bob.Member("bob")).ToBeVisibleAsync();
        await bob.SendAsync("missed one");
        await bob.SendAsync("missed two");
        await Expect(bob.MessagesWithText("missed two")).ToHaveCountAsync(1);
        await Expect(alice.Status).ToHaveAttributeAsync("data-state", "reconnecting");

        await alice.Page.UnrouteAsync(negotiate);
        await alice.ExpectStateAsync("connected", BrowserTimeouts.Reconnect);

        await Expect(alice.MessagesWithText("typed during the outage")).ToHaveCountAsync(1);
        await Expect(alice.PendingMessages).ToHaveCountAsync(0);
        await Expect(alice.MessagesWithText("missed one")).ToHaveCountAsync(1);
        await Expect(alice.MessagesWithText("missed two")).ToHaveCountAsync(1);
        await Expect(alice.MessageTexts).ToHaveTextAsync(["before the restart", "missed one", "missed two", "typed during the outage"]);
        await Expect(bob.MessagesWithText("typed during the outage")).ToHaveCountAsync(1);
        await Expect(alice.Member("bob")).ToBeVisibleAsync();
        await Expect(bob.Member("alice")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task WhenRetriesRunOutThePageSaysDisconnectedAndItsReconnectButtonWorks()
    {
        var room = Unique.Name("giveup");
        var alice = await OpenSignedInAsync("alice", "?retryMaxAttempts=2&retryBaseMs=100&retryMaxMs=200");
        await alice.JoinAsync(room);
        var reconnect = alice.Page.Locator("#reconnect");
        await Expect(reconnect).ToBeHiddenAsync();

        await _node.StopAsync();
        await alice.ExpectStateAsync("disconnected", BrowserTimeouts.Reconnect);
        await Expect(reconnect).ToBeVisibleAsync();
        await Expect(alice.Status).ToContainTextAsync("Gave up after 2 attempts");

        _node = await _node.RestartAsync();
        await reconnect.ClickAsync();
        await alice.ExpectStateAsync("connected", BrowserTimeouts.Reconnect);
        await Expect(reconnect).ToBeHiddenAsync();
        await alice.SendAsync("back again");
        await Expect(alice.MessagesWithText("back again")).ToHaveCountAsync(1);
    }

    /// <summary>Short backoff so a restart costs the test a second, not the default ten.</summary>
    private const string FastRetries = "?retryBaseMs=200&retryMaxMs=1000";

    private async Task<ChatPage> OpenSignedInAsync(string userName, string query = "")
    {
        var page = await ChatPage.OpenAsync(browser.Browser, _node.BaseUri, userName, query);
        _cleanup.Add(page);
        await page.SignInAsync();
        return page;
    }
}
