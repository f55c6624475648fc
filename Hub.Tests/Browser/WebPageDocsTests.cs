using System.Net;
using System.Net.Http.Json;
using RealtimeHub.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RealtimeHub.Tests.Browser;

/// <summary>
/// <c>/docs</c> against a real node: two users typing at once converge and see each other's carets and blocks, undo
/// takes back only one's own changes, a closed tab's caret goes, access refused and revoked say so, and edits made
/// while the node is down are kept and merged once it is back (the same epoch from Redis, a new one in embedded mode).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebPageDocsTests(BrowserFixture browser, RedisServerFixture redis)
    : BrowserTest(browser), IClassFixture<RedisServerFixture>
{
    /// <summary>Short backoff so a restart costs the test a second, not the default ten.</summary>
    private const string FastRetries = "&retryBaseMs=200&retryMaxMs=1000";

    [Fact]
    public async Task TwoUsersTypingAtOnceConvergeAndSeeEachOthersCaretsNamesAndBlocks()
    {
        await StartNodeAsync();
        var doc = Unique.Name("doc");
        var alice = await OpenDocsAsync("alice", $"?doc={doc}");
        var bob = await OpenDocsAsync("bob", $"?doc={doc}");
        await Task.WhenAll(alice.SignInAndOpenAsync(), bob.SignInAndOpenAsync());
        await Expect(alice.Page.Locator("#docName")).ToHaveValueAsync(doc);
        const string fromAlice = "Alice types this sentence while Bob types his.";
        const string fromBob = "Bob types that one at the very same moment.";

        // A first line, so both type into the same paragraph (into an empty document each would start its own).
        await alice.TypeAsync("Shared: ");
        await bob.ExpectTextAsync("Shared: ");

        // At once, in one paragraph: Alice at its end, Bob at its start. (Two carets at one spot may rightly interleave
        // at the first keystroke: a remote insert there can land either side of a caret, so each sentence would not stay whole.)
        await Task.WhenAll(alice.TypeAsync(fromAlice, delayMs: 15), bob.TypeAtStartAsync(fromBob, delayMs: 15));

        await ExpectSameTextAsync(alice, bob, "Shared: ", fromAlice, fromBob);
        await Expect(alice.Text.Locator("p")).ToHaveCountAsync(1);
        await alice.ExpectDocStateAsync("saved");
        await Expect(bob.CaretOf("alice")).ToHaveCountAsync(1);
        await Expect(alice.CaretOf("bob")).ToHaveCountAsync(1);
        await Expect(alice.Users).ToHaveCountAsync(2);
        await Expect(alice.User("alice")).ToHaveAttributeAsync("data-block", "0");
        await Expect(alice.User("bob")).ToHaveAttributeAsync("data-block", "0");

        // Bob starts a second block after everything: everyone sees his caret there, alice's stays in the first.
        await bob.Page.Keyboard.PressAsync("Control+End");
        await bob.Page.Keyboard.PressAsync("Enter");
        await bob.Page.Keyboard.TypeAsync("A second paragraph by Bob.");
        await Expect(alice.User("bob")).ToHaveAttributeAsync("data-block", "1");
        await Expect(bob.User("bob")).ToHaveAttributeAsync("data-block", "1");
        await Expect(alice.User("alice")).ToHaveAttributeAsync("data-block", "0");
        await Expect(alice.Text.Locator("p")).ToHaveCountAsync(2);
        await Screenshots.SaveAsync(alice.Page, "screenshot-docs.png");
        Assert.Empty(alice.PageErrors);
        Assert.Empty(bob.PageErrors);
        Assert.Empty(alice.ConsoleErrors);
    }

    [Fact]
    public async Task UndoTakesBackOnlyTheUsersOwnChangesAndRedoBringsThemBack()
    {
        await StartNodeAsync();
        var doc = Unique.Name("doc");
        var alice = await OpenDocsAsync("alice", $"?doc={doc}");
        var bob = await OpenDocsAsync("bob", $"?doc={doc}");
        await Task.WhenAll(alice.SignInAndOpenAsync(), bob.SignInAndOpenAsync());
        await Expect(alice.Undo).ToBeDisabledAsync();
        await alice.TypeAsync("Alice's line");
        await bob.ExpectTextAsync("Alice's line");
        await bob.TypeAsync(" and Bob's words");
        await alice.ExpectTextAsync("Alice's line and Bob's words");

        await alice.Undo.ClickAsync();

        await alice.ExpectTextAsync(" and Bob's words");
        await bob.ExpectTextAsync(" and Bob's words");
        await Expect(alice.Undo).ToBeDisabledAsync();
        await alice.Redo.ClickAsync();
        await bob.ExpectTextAsync("Alice's line and Bob's words");
        await bob.Undo.ClickAsync();
        await alice.ExpectTextAsync("Alice's line");
        await bob.ExpectTextAsync("Alice's line");
    }

    /// <summary>Bob's tab speaks MessagePack, alice's JSON: carets and text cross between the protocols.</summary>
    [Fact]
    public async Task AClosedTabsCaretAndNameDisappearForTheOthers()
    {
        await StartNodeAsync();
        var doc = Unique.Name("doc");
        var alice = await OpenDocsAsync("alice", $"?doc={doc}");
        var bob = await OpenDocsAsync("bob", $"?doc={doc}&protocol=messagepack");
        await Task.WhenAll(alice.SignInAndOpenAsync(), bob.SignInAndOpenAsync());
        await bob.TypeAsync("Bob was here.");
        await Expect(alice.CaretOf("bob")).ToHaveCountAsync(1);
        await Expect(alice.User("bob")).ToHaveCountAsync(1);

        await bob.Page.CloseAsync();

        await Expect(alice.CaretOf("bob")).ToHaveCountAsync(0);
        await Expect(alice.User("bob")).ToHaveCountAsync(0);
        await Expect(alice.Users).ToHaveCountAsync(1);
        await alice.ExpectTextAsync("Bob was here.");
    }

    [Fact]
    public async Task APrivateDocumentIsRefusedPlainlyUntilGrantedAndARevokeStopsEditingAtOnce()
    {
        await StartNodeAsync();
        var doc = Unique.Name("vip");
        using var api = Node.CreateApiHttpClient();
        (await api.PutAsJsonAsync($"/api/v1/documents/{doc}", new { access = "private" })).EnsureSuccessStatusCode();
        var dave = await OpenDocsAsync("dave", $"?doc={doc}");
        await dave.SignInAsync();

        await dave.ExpectDocStateAsync("forbidden");
        await Expect(dave.DocState).ToHaveTextAsync($"“{doc}” is a private document: only its members can open it.");
        await Expect(dave.Text).ToHaveAttributeAsync("contenteditable", "false");
        await Expect(dave.Status).ToHaveAttributeAsync("data-state", "connected");

        Assert.Equal(HttpStatusCode.NoContent, (await api.PutAsJsonAsync($"/api/v1/documents/{doc}/members/dave", new { role = "write" })).StatusCode);
        await dave.OpenDocAsync(doc);
        await dave.ExpectDocStateAsync("saved");
        await dave.TypeAsync("Granted, so written.");
        await dave.ExpectDocStateAsync("saved");

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/documents/{doc}/members/dave")).StatusCode);

        await dave.ExpectDocStateAsync("removed");
        await Expect(dave.DocState).ToContainTextAsync($"You no longer have access to “{doc}”");
        await Expect(dave.Text).ToHaveAttributeAsync("contenteditable", "false");
        await dave.ExpectTextAsync("Granted, so written.");
        Assert.Empty(dave.PageErrors);
    }

    /// <summary>
    /// Redis keeps the log through the restart: the page reopens with (epoch, lastSequence). In embedded mode the log is
    /// gone: a new epoch, into which both pages push their whole state. Either way nothing typed is lost.
    /// </summary>
    [Theory]
    [InlineData("embedded")]
    [InlineData("redis")]
    public async Task EditsMadeWhileTheNodeIsDownAreKeptAndMergedWhenItIsBack(string mode)
    {
        await StartNodeAsync(new HubNodeOptions
        {
            RedisConfiguration = mode == "redis" ? redis.Configuration : null,
            ChannelPrefix = mode == "redis" ? RedisServerFixture.NewPrefix("docs") : null,
        });
        var doc = Unique.Name("doc");
        var alice = await OpenDocsAsync("alice", $"?doc={doc}{FastRetries}");
        var bob = await OpenDocsAsync("bob", $"?doc={doc}{FastRetries}");
        await Task.WhenAll(alice.SignInAndOpenAsync(), bob.SignInAndOpenAsync());
        await alice.TypeAsync("Before. ");
        await bob.ExpectTextAsync("Before. ");

        await Node.StopAsync();
        await alice.ExpectDocStateAsync("offline");
        await bob.ExpectDocStateAsync("offline");
        await alice.TypeAsync("Alice offline. ");
        await bob.TypeAsync("Bob offline.", block: 0);
        await Expect(alice.DocState).ToContainTextAsync("kept");
        Node = await Node.RestartAsync();

        await alice.ExpectStateAsync("connected", BrowserTimeouts.Reconnect);
        await bob.ExpectStateAsync("connected", BrowserTimeouts.Reconnect);
        await ExpectSameTextAsync(alice, bob, "Before.", "Alice offline.", "Bob offline.");
        await alice.ExpectDocStateAsync("saved");
        await bob.ExpectDocStateAsync("saved");
        var carol = await OpenDocsAsync("carol", $"?doc={doc}");
        await carol.SignInAndOpenAsync();
        await carol.ExpectTextAsync(await alice.ReadTextAsync());
    }

    [Fact]
    public async Task OnAPhoneTheEditorAndTheUsersFitWithoutSidewaysScrolling()
    {
        await StartNodeAsync();
        var erin = await OpenDocsAsync("erin", $"?doc={Unique.Name("doc")}", width: 390, height: 844);
        await Expect(erin.Page.Locator("#pages a")).ToHaveTextAsync(["Chat", "Dashboard", "Docs", "Game"]);
        await Expect(erin.Page.Locator("#pages a[aria-current=page]")).ToHaveTextAsync("Docs");
        await erin.SignInAndOpenAsync();
        await erin.TypeAsync("Typed on a phone.");

        foreach (var id in new[] { "#status", "#docName", "#openDoc", "#undo", "#redo", "#editor" })
        {
            await Expect(erin.Page.Locator(id)).ToBeInViewportAsync();
        }

        var overflow = await erin.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than a 390px screen.");
        await Expect(erin.Text).ToHaveAccessibleNameAsync("Document text");
        await Expect(erin.Page.Locator("#docName")).ToHaveAccessibleNameAsync("Document");
        await Screenshots.SaveAsync(erin.Page, "screenshot-docs-phone.png");
    }

    /// <summary>Both hold every part, and then the same text.</summary>
    private static async Task ExpectSameTextAsync(DocsPage first, DocsPage second, params string[] parts)
    {
        await first.ExpectTextContainingAsync(parts);
        await second.ExpectTextContainingAsync(parts);
        await second.ExpectTextAsync(await first.ReadTextAsync());
    }
}
