using static Microsoft.Playwright.Assertions;

namespace RealtimeHub.Tests.Browser;

/// <summary>The page on a phone-sized screen and for screen readers.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebPageLayoutTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task OnAPhoneSizedScreenEverythingFitsWithoutSidewaysScrolling()
    {
        await StartNodeAsync();
        var alice = await OpenSignedInAsync("alice", width: 390, height: 844);
        var bob = await OpenSignedInAsync("bob");
        await alice.JoinAsync("general");
        await bob.JoinAsync("general");
        await bob.SendAsync("Lunch at noon? The new place on the corner has a long table for the whole team.");
        await alice.SendAsync("Count me in!");
        await Expect(alice.MessageTexts).ToHaveCountAsync(2);

        foreach (var id in new[] { "#status", "#roomName", "#joinRoom", "#messages", "#messageInput", "#send", "#members", "#typing" })
        {
            await Expect(alice.Page.Locator(id)).ToBeInViewportAsync();
        }

        var overflow = await alice.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than a 390px screen.");
        await Screenshots.SaveAsync(alice.Page, "screenshot-phone.png");
    }

    [Fact]
    public async Task NewMessagesAreAnnouncedAndEveryInputHasALabel()
    {
        await StartNodeAsync();
        var alice = await OpenAsync("alice");
        await Expect(alice.Page.Locator("#userName")).ToHaveAccessibleNameAsync("Your name");
        await alice.SignInAsync();
        await alice.JoinAsync("general");

        await Expect(alice.Page.Locator("#messages")).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(alice.Status).ToHaveAttributeAsync("role", "status");
        foreach (var (id, label) in new[] { ("#roomName", "Join a room"), ("#messageInput", "Message") })
        {
            await Expect(alice.Page.Locator(id)).ToHaveAccessibleNameAsync(label);
        }
    }
}
