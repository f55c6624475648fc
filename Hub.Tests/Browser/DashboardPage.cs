using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RealtimeHub.Tests.Browser;

/// <summary>One user's tab on <c>/dashboard</c>, driven only through the element ids of CONTRACT §9.</summary>
public sealed class DashboardPage : ShellPage
{
    private DashboardPage(PageContext opened, string userName)
        : base(opened, userName)
    {
    }

    public ILocator Instruments => Page.Locator("#instruments .instrument");

    public ILocator Latency => Page.Locator("#latency");

    public ILocator Chart => Page.Locator("#chart");

    /// <summary>The line under the form that says what the watch is doing (watching, retrying, refused).</summary>
    public ILocator WatchState => Page.Locator("#watchState");

    public static async Task<DashboardPage> OpenAsync(IBrowser browser, Uri baseUri, string userName, string query, int width, int height)
        => new(await OpenPageAsync(browser, baseUri, "/dashboard" + query, width, height), userName);

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

}
