using Microsoft.Playwright;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Browser;

/// <summary>
/// Screenshots for the docs. Every run saves them next to the test binaries; with UPDATE_SCREENSHOTS=1 they
/// also replace docs/&lt;name&gt; (so ordinary runs never dirty the work tree).
/// </summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string fileName)
    {
        var local = Path.Combine(AppContext.BaseDirectory, "screenshots", fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = local });
        Assert.True(new FileInfo(local).Length > 0, $"The screenshot {local} is empty.");
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") is "1")
        {
            File.Copy(local, Path.Combine(RepositoryPaths.Root, "docs", fileName), overwrite: true);
        }
    }
}
