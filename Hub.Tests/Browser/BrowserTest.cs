using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Browser;

/// <summary>A browser test: its own node serving the built page, and pages that close with the test.</summary>
public abstract class BrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _pages = [];
    private HubNode? _node;

    /// <summary>The node the pages talk to; assign the result of a restart back to it.</summary>
    protected HubNode Node
    {
        get => _node ?? throw new InvalidOperationException("Call StartNodeAsync first.");
        set => _node = value;
    }

    public Task InitializeAsync()
    {
        WebPageBuild.EnsureBuilt();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var page in _pages)
        {
            await page.DisposeAsync();
        }

        if (_node is not null)
        {
            await _node.StopAsync();
        }
    }

    /// <summary>Starts this test's node: embedded mode unless the options name a Redis.</summary>
    protected async Task StartNodeAsync(HubNodeOptions? options = null) => Node = await HubNode.StartAsync(options);

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

    /// <summary>Opens <c>/dashboard</c> at its sign-in form. query holds the page's switches.</summary>
    protected async Task<DashboardPage> OpenDashboardAsync(string userName, string query = "", int width = 1200, int height = 800)
    {
        WebPageBuild.EnsureBuilt("dashboard/index.html");
        var page = await DashboardPage.OpenAsync(browser.Browser, Node.BaseUri, userName, query, width, height);
        _pages.Add(page);
        return page;
    }

    /// <summary>Opens <c>/docs</c> at its sign-in form. query holds <c>?doc=</c> and the page's switches.</summary>
    protected async Task<DocsPage> OpenDocsAsync(string userName, string query = "", int width = 1200, int height = 800)
    {
        WebPageBuild.EnsureBuilt("docs/index.html");
        var page = await DocsPage.OpenAsync(browser.Browser, Node.BaseUri, userName, query, width, height);
        _pages.Add(page);
        return page;
    }

    /// <summary>Opens <c>/game</c> at its sign-in form. query holds the page's switches.</summary>
    protected async Task<GamePage> OpenGameAsync(string userName, string query = "", int width = 1200, int height = 800)
    {
        WebPageBuild.EnsureBuilt("game/index.html");
        var page = await GamePage.OpenAsync(browser.Browser, Node.BaseUri, userName, query, width, height);
        _pages.Add(page);
        return page;
    }
}
