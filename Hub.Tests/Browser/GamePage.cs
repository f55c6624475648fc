using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RealtimeHub.Tests.Browser;

/// <summary>
/// One user's tab on <c>/game</c>, driven through the element ids of CONTRACT §11 and the seat's state the page keeps
/// on <c>#gameCanvas</c> (<c>data-match-id</c>, <c>data-server-x</c>/<c>-y</c>: where the server last put the own
/// player, <c>data-x</c>/<c>-y</c>: where the page predicts it).
/// </summary>
public sealed class GamePage : ShellPage
{
    private GamePage(PageContext opened, string userName)
        : base(opened, userName)
    {
    }

    public ILocator Canvas => Page.Locator("#gameCanvas");

    public ILocator Scores => Page.Locator("#scoreboard .score");

    public ILocator Ping => Page.Locator("#ping");

    public static async Task<GamePage> OpenAsync(IBrowser browser, Uri baseUri, string userName, string query, int width, int height)
        => new(await OpenPageAsync(browser, baseUri, "/game" + query, width, height), userName);

    public ILocator ScoreOf(string playerId) => Page.Locator($"#scoreboard .score[data-player-id=\"{playerId}\"]");

    /// <summary>Clicks Find match and waits for the seat; returns the match id.</summary>
    public async Task<string> FindMatchAsync()
    {
        await Page.Locator("#findMatch").ClickAsync();
        await Expect(Canvas).ToHaveAttributeAsync("data-match-id", new System.Text.RegularExpressions.Regex(".+"));
        return (await Canvas.GetAttributeAsync("data-match-id"))!;
    }

    /// <summary>Where the server last put the own player, as the page shows it.</summary>
    public Task<(double X, double Y)> ServerPositionAsync() => PositionAsync("data-server-x", "data-server-y");

    /// <summary>Where the page predicts the own player.</summary>
    public Task<(double X, double Y)> PredictedPositionAsync() => PositionAsync("data-x", "data-y");

    /// <summary>Holds a key down with no element focused (the page listens on the window).</summary>
    public async Task HoldKeyAsync(string key)
    {
        await Page.EvaluateAsync("() => document.activeElement instanceof HTMLElement && document.activeElement.blur()");
        await Page.Keyboard.DownAsync(key);
    }

    private async Task<(double X, double Y)> PositionAsync(string xAttribute, string yAttribute)
    {
        var x = await Canvas.GetAttributeAsync(xAttribute) ?? throw new InvalidOperationException($"#gameCanvas has no {xAttribute}.");
        var y = await Canvas.GetAttributeAsync(yAttribute) ?? throw new InvalidOperationException($"#gameCanvas has no {yAttribute}.");
        return (double.Parse(x, CultureInfo.InvariantCulture), double.Parse(y, CultureInfo.InvariantCulture));
    }
}
