using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RealtimeHub.Tests.Browser;

/// <summary>One user's tab on <c>/docs</c>, driven only through the element ids of CONTRACT §10.</summary>
public sealed class DocsPage : ShellPage
{
    private DocsPage(PageContext opened, string userName)
        : base(opened, userName)
    {
    }

    /// <summary>The line that says whether changes are saved, kept offline, or refused.</summary>
    public ILocator DocState => Page.Locator("#docState");

    /// <summary>The editable element inside <c>#editor</c>.</summary>
    public ILocator Text => Page.Locator("#editor .ProseMirror");

    public ILocator Users => Page.Locator("#docUsers .doc-user");

    /// <summary>Other users' carets, each labelled with the user's name.</summary>
    public ILocator CaretLabels => Page.Locator("#editor .collaboration-carets__label");

    public ILocator Undo => Page.Locator("#undo");

    public ILocator Redo => Page.Locator("#redo");

    public bool IsClosed => Page.IsClosed;

    /// <summary>Opens <c>/docs</c> in a fresh browser context; query carries <c>doc=</c> and the page's switches.</summary>
    public static async Task<DocsPage> OpenAsync(IBrowser browser, Uri baseUri, string userName, string query, int width, int height)
        => new(await OpenPageAsync(browser, baseUri, "/docs" + query, width, height), userName);

    /// <summary>Signs in and waits until the document is open and writable.</summary>
    public async Task SignInAndOpenAsync()
    {
        await SignInAsync();
        await ExpectDocStateAsync("saved");
    }

    public async Task OpenDocAsync(string docId)
    {
        await Page.Locator("#docName").FillAsync(docId);
        await Page.Locator("#openDoc").ClickAsync();
    }

    /// <summary>Puts the caret at the end of the text (or of block <paramref name="block"/>) and types as a user does.</summary>
    public async Task TypeAsync(string text, int? block = null, int delayMs = 0)
    {
        if (block is { } index)
        {
            await Text.Locator(":scope > *").Nth(index).ClickAsync();
            await Page.Keyboard.PressAsync("End");
        }
        else
        {
            await Text.ClickAsync();
            await Page.Keyboard.PressAsync("Control+End");
        }

        await Page.Keyboard.TypeAsync(text, new KeyboardTypeOptions { Delay = delayMs });
    }

    /// <summary>Types at the very start of the document.</summary>
    public async Task TypeAtStartAsync(string text, int delayMs = 0)
    {
        await Text.ClickAsync();
        await Page.Keyboard.PressAsync("Control+Home");
        await Page.Keyboard.TypeAsync(text, new KeyboardTypeOptions { Delay = delayMs });
    }

    /// <summary>The document's text as the user reads it: without the name labels of others' carets, which sit inside it.</summary>
    public Task<string> ReadTextAsync() => Text.EvaluateAsync<string>(ReadTextScript);

    /// <summary>Waits until the text (carets' labels aside) is exactly <paramref name="expected"/>.</summary>
    public Task ExpectTextAsync(string expected) =>
        ExpectTextWhereAsync("text === expected[0]", expected, [expected]);

    /// <summary>Waits until the text (carets' labels aside) holds every one of <paramref name="parts"/>.</summary>
    public Task ExpectTextContainingAsync(params string[] parts) =>
        ExpectTextWhereAsync("expected.every(part => text.includes(part))", $"text containing {string.Join(", ", parts)}", parts);

    public ILocator User(string userId) => Page.Locator($"#docUsers .doc-user[data-user-id=\"{userId}\"]");

    public ILocator CaretOf(string userName) =>
        CaretLabels.Filter(new LocatorFilterOptions { HasText = userName });

    public Task ExpectDocStateAsync(string kind, TimeSpan? timeout = null) =>
        Expect(DocState).ToHaveAttributeAsync("data-kind", kind, new LocatorAssertionsToHaveAttributeOptions
        {
            Timeout = (float)(timeout ?? BrowserTimeouts.Expect).TotalMilliseconds,
        });

    private const string ReadTextScript =
        "editor => { const copy = editor.cloneNode(true); copy.querySelectorAll('.collaboration-carets__caret').forEach(c => c.remove()); return copy.textContent; }";

    /// <summary>Polls in the page (as Playwright's own expectations do); on timeout fails with the text it last had.</summary>
    private async Task ExpectTextWhereAsync(string condition, string what, string[] expected)
    {
        var script = $"expected => {{ const text = ({ReadTextScript})(document.querySelector('#editor .ProseMirror')); return {condition}; }}";
        try
        {
            await Page.WaitForFunctionAsync(script, expected, new PageWaitForFunctionOptions { Timeout = (float)BrowserTimeouts.Expect.TotalMilliseconds });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{UserName}'s text never became {what}; it is \"{await ReadTextAsync()}\".");
        }
    }
}
