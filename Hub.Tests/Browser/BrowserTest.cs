using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Browser;

/// <summary>A browser test: its own embedded-mode node serving the built page, and pages that close with the test.</summary>
public abstract class BrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    private readonly List<ChatPage> _pages = [];

    protected HubNode Node { get; set; } = null!;

    public async Task InitializeAsync()
    {
        WebPageBuild.EnsureBuilt();
        Node = await HubNode.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var page in _pages)
        {
            await page.DisposeAsync();
        }

        await Node.StopAsync();
    }

    /// <summary>Opens the page for this user, signs in and waits for "connected". query holds the page's test switches.</summary>
    protected async Task<ChatPage> OpenSignedInAsync(string userName, string query = "", int width = 1200, int height = 800)
    {
        var page = await OpenAsync(userName, query, width, height);
        await page.SignInAsync();
        return page;
    }

    /// <summary>Opens the page at its sign-in form.</summary>
    protected async Task<ChatPage> OpenAsync(string userName, string query = "", int width = 1200, int height = 800)
    {
        var page = await ChatPage.OpenAsync(browser.Browser, Node.BaseUri, userName, query, width, height);
        _pages.Add(page);
        return page;
    }
}
