using System.Collections.Concurrent;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RealtimeHub.Tests.Browser;

/// <summary>
/// One user's tab on a page of client-web, in a browser context of its own: what every page shares (its shell: #status,
/// the sign-in card) and what the tests watch on any page (script errors, console errors, requests).
/// </summary>
public abstract class ShellPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    protected ShellPage(PageContext opened, string userName)
    {
        _context = opened.Context;
        Page = opened.Page;
        Response = opened.Response;
        UserName = userName;
        Page.PageError += (_, error) => PageErrors.Enqueue(error);
        Page.Request += (_, request) => RequestUrls.Enqueue(request.Url);
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Enqueue(message.Text);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>The answer to the page's own request (its status and headers).</summary>
    public IResponse? Response { get; }

    public string UserName { get; }

    /// <summary>Uncaught exceptions and unhandled rejections in the page's scripts.</summary>
    public ConcurrentQueue<string> PageErrors { get; } = new();

    /// <summary>console.error lines (SignalR logs failures there; a CSP violation shows there too).</summary>
    public ConcurrentQueue<string> ConsoleErrors { get; } = new();

    public ConcurrentQueue<string> RequestUrls { get; } = new();

    public ILocator Status => Page.Locator("#status");

    public async Task SignInAsync()
    {
        await Page.Locator("#userName").FillAsync(UserName);
        await Page.Locator("#signIn").ClickAsync();
        await ExpectStateAsync("connected");
    }

    public Task ExpectStateAsync(string state, TimeSpan? timeout = null) =>
        Expect(Status).ToHaveAttributeAsync("data-state", state, new LocatorAssertionsToHaveAttributeOptions
        {
            Timeout = (float)(timeout ?? BrowserTimeouts.Expect).TotalMilliseconds,
        });

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens <paramref name="path"/> (with its query: the page's switches) in a fresh context of the given size.</summary>
    protected static async Task<PageContext> OpenPageAsync(IBrowser browser, Uri baseUri, string path, int width, int height)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(new Uri(baseUri, path).ToString());
        return new PageContext(context, page, response);
    }

    protected sealed record PageContext(IBrowserContext Context, IPage Page, IResponse? Response);
}
