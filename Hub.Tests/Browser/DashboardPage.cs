using System.Collections.Concurrent;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RealtimeHub.Tests.Browser;

/// <summary>One user's tab on <c>/dashboard</c>, driven only through the element ids of CONTRACT §9.</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private DashboardPage(IBrowserContext context, IPage page, IResponse? response, string userName)
    {
        _context = context;
        Page = page;
        Response = response;
        UserName = userName;
        page.PageError += (_, error) => PageErrors.Enqueue(error);
        page.Console += (_, message) =>
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

    public ILocator Status => Page.Locator("#status");

    public ILocator Instruments => Page.Locator("#instruments .instrument");

    public ILocator Latency => Page.Locator("#latency");

    public ILocator Chart => Page.Locator("#chart");

    /// <summary>The line under the form that says what the watch is doing (watching, retrying, refused).</summary>
    public ILocator WatchState => Page.Locator("#watchState");

    public static async Task<DashboardPage> OpenAsync(IBrowser browser, Uri baseUri, string userName, string query, int width, int height)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(new Uri(baseUri, "/dashboard" + query).ToString());
        return new DashboardPage(context, page, response, userName);
    }

    public async Task SignInAsync()
    {
        await Page.Locator("#userName").FillAsync(UserName);
        await Page.Locator("#signIn").ClickAsync();
        await ExpectStateAsync("connected");
    }

    /// <summary>Fills the form and starts the watch; keys empty = every key, rate empty = the server's default.</summary>
    public async Task WatchAsync(string feed, string keys = "", string maxPerSecond = "")
    {
        await Page.Locator("#feed").FillAsync(feed);
        await Page.Locator("#keys").FillAsync(keys);
        await Page.Locator("#maxPerSecond").FillAsync(maxPerSecond);
        await Page.Locator("#watch").ClickAsync();
    }

    public ILocator Instrument(string key) => Page.Locator($"#instruments .instrument[data-key=\"{key}\"]");

    public ILocator ValueOf(string key) => Instrument(key).Locator(".instrument-value");

    public Task ExpectStateAsync(string state, TimeSpan? timeout = null) =>
        Expect(Status).ToHaveAttributeAsync("data-state", state, new LocatorAssertionsToHaveAttributeOptions
        {
            Timeout = (float)(timeout ?? BrowserTimeouts.Expect).TotalMilliseconds,
        });

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
