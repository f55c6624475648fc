namespace RealtimeHub.Tests.Browser;

/// <summary>Upper bounds for Playwright's auto-waiting; a passing test moves on as soon as the page shows what it waits for.</summary>
public static class BrowserTimeouts
{
    public static TimeSpan Expect { get; } = TimeSpan.FromSeconds(15);

    /// <summary>A server restart plus the page's backoff (the tests shorten it through the query string).</summary>
    public static TimeSpan Reconnect { get; } = TimeSpan.FromSeconds(30);
}
