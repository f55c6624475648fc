using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using RealtimeHub.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RealtimeHub.Tests.Browser;

/// <summary>Chatting on the page: members, typing, messages as text only, private messages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebPageChatTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task TwoPagesChatAndSeeEachOtherAsMembersAndTyping()
    {
        await StartNodeAsync();
        // Every test has its own node, so a plain room name cannot meet another test.
        var alice = await OpenSignedInAsync("alice");
        var bob = await OpenSignedInAsync("bob");
        await alice.JoinAsync("random");
        await alice.JoinAsync("general");
        await bob.JoinAsync("random");
        await bob.JoinAsync("general");

        await Expect(alice.Member("bob")).ToBeVisibleAsync();
        await Expect(bob.Member("alice")).ToBeVisibleAsync();

        await bob.Page.Locator("#messageInput").PressSequentiallyAsync("hel");
        await Expect(alice.Typing).ToHaveTextAsync("bob is typing…");

        await bob.SendAsync("Hello Alice! Is the deploy done?");
        // Sending clears the sender's typing state, so the indicator goes without waiting for it to expire.
        await Expect(alice.Typing).ToBeEmptyAsync();
        await alice.SendAsync("Yes, both nodes are on the new build.");
        await bob.SendAsync("Great, thanks — ship it!");

        string[] conversation = ["Hello Alice! Is the deploy done?", "Yes, both nodes are on the new build.", "Great, thanks — ship it!"];
        await Expect(alice.MessageTexts).ToHaveTextAsync(conversation);
        await Expect(bob.MessageTexts).ToHaveTextAsync(conversation);
        await Expect(alice.Messages.First).ToHaveAttributeAsync("data-sender", "bob");
        await Expect(alice.Messages.First).ToHaveAttributeAsync("data-sequence", "1");
        await Expect(alice.MessagesWithText(conversation[1])).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bown\b"));
        await Expect(bob.MessagesWithText(conversation[1])).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bown\b"));

        // A message in a room that is not on screen shows as unread there.
        await bob.Conversation("#random").ClickAsync();
        await bob.SendAsync("Anyone up for lunch?");
        await Expect(alice.Conversation("#random").Locator(".badge")).ToHaveTextAsync("1");
        await bob.Conversation("#general").ClickAsync();

        await bob.Page.Locator("#messageInput").PressSequentiallyAsync("See y");
        await Expect(alice.Typing).ToHaveTextAsync("bob is typing…");
        await Screenshots.SaveAsync(alice.Page, "screenshot.png");
        Assert.Empty(alice.PageErrors);
        Assert.Empty(bob.PageErrors);
    }

    [Fact]
    public async Task WithTheWebSocketsOnlySwitchThePageConnectsWithoutNegotiating()
    {
        await StartNodeAsync();
        var alice = await OpenSignedInAsync("alice", "?transport=websockets");
        await alice.JoinAsync("general");
        await alice.SendAsync("no negotiate needed");

        await Expect(alice.MessagesWithText("no negotiate needed")).ToHaveCountAsync(1);
        Assert.DoesNotContain(alice.RequestUrls, url => url.Contains("/negotiate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithTheMessagePackSwitchThePageChatsOverMessagePack()
    {
        await StartNodeAsync();
        var alice = await OpenAsync("alice", "?protocol=messagepack");
        var handshakes = new System.Collections.Concurrent.ConcurrentQueue<string>();
        alice.Page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) => handshakes.Enqueue(frame.Text ?? string.Empty);
        await alice.SignInAsync();
        await alice.JoinAsync("general");
        await using var bob = await HubProbe.ConnectAsync(Node, "bob"); // on JSON: both protocols meet in one room
        await bob.JoinRoomAsync("general");

        await Expect(alice.Member("bob")).ToBeVisibleAsync();
        await bob.SendMessageAsync("general", "hello over json");
        await alice.SendAsync("hello over <b>messagepack</b>");

        await Expect(alice.MessageTexts).ToHaveTextAsync(["hello over json", "hello over <b>messagepack</b>"]);
        await Expect(alice.Messages.First).ToHaveAttributeAsync("data-sender", "bob");
        await Expect(alice.Messages.Nth(1)).ToHaveAttributeAsync("data-sequence", "2");
        await Expect(alice.Messages.First.Locator("time")).ToHaveAttributeAsync("datetime", new System.Text.RegularExpressions.Regex(@"^\d{4}-\d\d-\d\dT"));
        await bob.Messages.WaitUntilAsync(all => all.Any(m => m.Text == "hello over <b>messagepack</b>" && m.SenderId == "alice"), "alice's message at bob");
        Assert.Contains(handshakes, text => text.Contains("\"protocol\":\"messagepack\"", StringComparison.Ordinal));
        Assert.Empty(alice.PageErrors);
    }

    [Fact]
    public async Task ATypingIndicatorWhoseStopNeverComesExpiresByItself()
    {
        await StartNodeAsync();
        var alice = await OpenSignedInAsync("alice");
        await alice.JoinAsync("general");
        await using var bob = await HubProbe.ConnectAsync(Node, "bob");
        await bob.JoinRoomAsync("general");
        await Expect(alice.Member("bob")).ToBeVisibleAsync();

        // Bob says "typing" once and then nothing: no "stopped", no message, and he stays connected.
        await bob.SetTypingAsync("general", true);
        await Expect(alice.Typing).ToHaveTextAsync("bob is typing…");

        await Expect(alice.Typing).ToBeEmptyAsync(new LocatorAssertionsToBeEmptyOptions { Timeout = 10_000 });
        Assert.Equal(HubConnectionState.Connected, bob.Connection.State);
    }

    [Fact]
    public async Task MarkupInAMessageShowsAsTextAndRunsNothing()
    {
        await StartNodeAsync();
        var room = "general";
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
        await StartNodeAsync();
        var room = "general";
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

    [Fact]
    public async Task LeavingARoomDropsItFromTheListAndTheOthersSeeTheMemberGo()
    {
        await StartNodeAsync();
        var alice = await OpenSignedInAsync("alice");
        var bob = await OpenSignedInAsync("bob");
        await alice.JoinAsync("general");
        await bob.JoinAsync("general");
        await Expect(alice.Member("bob")).ToBeVisibleAsync();

        await bob.Page.Locator("#leaveRoom").ClickAsync();

        await Expect(bob.Conversation("#general")).ToHaveCountAsync(0);
        await Expect(bob.Page.Locator("#messageInput")).ToBeDisabledAsync();
        await Expect(alice.Member("bob")).ToHaveCountAsync(0);
        await Expect(alice.Member("alice")).ToBeVisibleAsync();
    }
}
