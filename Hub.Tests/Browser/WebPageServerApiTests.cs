using Microsoft.Playwright;
using RealtimeHub.Contracts.Api;
using static Microsoft.Playwright.Assertions;

namespace RealtimeHub.Tests.Browser;

/// <summary>What the server API makes the page show: notifications in #notifications, and private rooms told plainly.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebPageServerApiTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task ANotificationShowsOnEveryTabOfTheUserAsTextOverBothProtocols()
    {
        await StartNodeAsync();
        var json = await OpenSignedInAsync("alice");
        var messagePack = await OpenSignedInAsync("alice", "?protocol=messagepack");
        var bob = await OpenSignedInAsync("bob");
        const string markup = "<img src=x onerror=\"window.__pwned=1\"> invoice ready";

        await Node.CreateApiClient().NotifyAsync("alice", "invoice.ready", new { text = markup, invoice = 42 });

        foreach (var page in new[] { json, messagePack })
        {
            var notification = page.Page.Locator("#notifications .notification");
            await Expect(notification).ToHaveCountAsync(1);
            await Expect(notification).ToHaveAttributeAsync("data-type", "invoice.ready");
            await Expect(notification.Locator(".notification-text")).ToHaveTextAsync(markup);
            await Expect(page.Page.Locator("#notifications img")).ToHaveCountAsync(0);
            Assert.True(await page.Page.EvaluateAsync<bool>("() => window.__pwned === undefined"));
            Assert.Empty(page.PageErrors);
        }

        await Expect(bob.Page.Locator("#notifications .notification")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ARemovalFromAPrivateRoomAndAPrivateRoomsRefusalAreToldPlainly()
    {
        await StartNodeAsync();
        var alice = await OpenSignedInAsync("alice");
        await alice.JoinAsync("vip");
        await alice.JoinAsync("lobby");
        var api = Node.CreateApiClient();

        await api.SetRoomAccessAsync("vip", RoomAccess.Private);

        var error = alice.Page.Locator("#error");
        await Expect(error).ToHaveTextAsync("You were removed from #vip: it is private and you are no longer one of its members.");
        await Expect(alice.Conversation("#vip")).ToHaveCountAsync(0);
        await Expect(alice.Conversation("#lobby")).ToHaveCountAsync(1);

        await alice.Page.Locator("#roomName").FillAsync("vip");
        await alice.Page.Locator("#joinRoom").ClickAsync();
        await Expect(error).ToHaveTextAsync("#vip is a private room: only its members can join it.");

        await api.GrantRoomAsync("vip", "alice");
        await alice.JoinAsync("vip");
        await Expect(alice.Conversation("#vip")).ToHaveCountAsync(1);
        Assert.Empty(alice.PageErrors);
    }
}
