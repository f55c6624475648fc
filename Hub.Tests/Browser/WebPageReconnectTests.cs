using RealtimeHub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RealtimeHub.Tests.Browser;

/// <summary>The page through server restarts: status, rejoin, gap fill, queued sends, and the Reconnect button.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebPageReconnectTests(BrowserFixture browser) : BrowserTest(browser)
{
    /// <summary>Short backoff so a restart costs the test a second, not the default ten.</summary>
    private const string FastRetries = "?retryBaseMs=200&retryMaxMs=1000";

    /// <summary>
    /// Alice's reconnects are held back (her negotiate requests fail) until Bob has reconnected and sent, so
    /// his messages are surely sent during her outage and reach her only through the rejoin and GetHistory.
    /// </summary>
    [Fact]
    public async Task AfterAServerRestartThePageRejoinsShowsMissedMessagesOnceAndDeliversItsQueuedSendOnce()
    {
        var room = "general";
        var alice = await OpenSignedInAsync("alice", FastRetries);
        var bob = await OpenSignedInAsync("bob", FastRetries);
        await alice.JoinAsync(room);
        await bob.JoinAsync(room);
        await alice.SendAsync("before the restart");
        await Expect(bob.MessagesWithText("before the restart")).ToHaveCountAsync(1);

        var negotiate = new System.Text.RegularExpressions.Regex("/hubs/chat/negotiate");
        await alice.Page.RouteAsync(negotiate, route => route.AbortAsync());
        await Node.StopAsync();
        await alice.ExpectStateAsync("reconnecting");
        await alice.SendAsync("typed during the outage");
        await Expect(alice.PendingMessages).ToHaveTextAsync([new System.Text.RegularExpressions.Regex("typed during the outage")]);

        Node = await Node.RestartAsync();
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
        var room = "general";
        var alice = await OpenSignedInAsync("alice", "?retryMaxAttempts=2&retryBaseMs=100&retryMaxMs=200");
        await alice.JoinAsync(room);
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
}
