using System.Net;
using System.Text.RegularExpressions;
using RealtimeHub.Tests.Cluster;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Hosting;

/// <summary>
/// <c>dotnet publish Hub.Server</c> alone yields the whole app: it builds client-web's pages when they are missing or
/// stale, and ships them as wwwroot. One class, so its publishes of the same project never run at once.
/// </summary>
public sealed partial class PublishTests(PublishedApp app) : IClassFixture<PublishedApp>
{
    [Fact]
    public void PublishBuildsMissingPagesAndShipsThemWithEveryAssetTheyReference()
    {
        Assert.True(app.First.RanClientWebBuild, app.First.Output);

        var assets = ReferencedAssets(File.ReadAllText(Path.Combine(app.First.WebRoot, "index.html")));

        Assert.Contains(assets, asset => asset.EndsWith(".js", StringComparison.Ordinal));
        Assert.All(assets, asset => Assert.True(File.Exists(Path.Combine(app.First.WebRoot, asset)), asset));
    }

    [Fact]
    public async Task ThePublishedAppServesThePageAtTheRoot()
    {
        var settings = new Dictionary<string, string> { ["Auth__SigningKey"] = TestAuth.SigningKey };
        var serverDll = Path.Combine(app.First.OutputDir, "RealtimeHub.Server.dll");
        await using var server = await ServerProcess.StartAsync("published", serverDll, app.First.OutputDir, settings);
        using var http = new HttpClient { BaseAddress = server.BaseUri, Timeout = TestTimeouts.Event };

        using var page = await http.GetAsync("");
        var html = await page.Content.ReadAsStringAsync();
        using var script = await http.GetAsync(ReferencedAssets(html).First(asset => asset.EndsWith(".js", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ASecondPublishWithNothingChangedRunsNoNpm()
    {
        var index = Path.Combine(app.PagesDir, "index.html");
        var built = File.GetLastWriteTimeUtc(index);

        var again = await app.PublishAsync("again", $"-p:ClientWebOutputDir={app.PagesDir}");

        Assert.False(again.RanClientWebBuild, again.Output);
        Assert.Equal(built, File.GetLastWriteTimeUtc(index));
        Assert.Equal(File.ReadAllText(index), File.ReadAllText(Path.Combine(again.WebRoot, "index.html")));
    }

    [Fact]
    public async Task BuildClientWebFalsePublishesPagesBuiltElsewhereAsTheyAre()
    {
        // As deploy/Dockerfile's node stage leaves them; older than client-web's sources, so without the switch
        // the publish would build them again.
        var pages = Directory.CreateDirectory(Path.Combine(app.Root, "built-elsewhere")).FullName;
        var index = Path.Combine(pages, "index.html");
        const string html = "<!doctype html><title>built elsewhere</title>";
        await File.WriteAllTextAsync(index, html);
        File.SetLastWriteTimeUtc(index, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var result = await app.PublishAsync("skipped", "-p:BuildClientWeb=false", $"-p:ClientWebOutputDir={pages}");

        Assert.False(result.RanClientWebBuild, result.Output);
        Assert.Equal([index], Directory.GetFileSystemEntries(pages));
        Assert.Equal(html, await File.ReadAllTextAsync(Path.Combine(result.WebRoot, "index.html")));
    }

    /// <summary>The page's own files (scripts, styles, preloads) as paths under wwwroot.</summary>
    private static List<string> ReferencedAssets(string html) =>
        [.. AssetReference().Matches(html).Select(match => match.Groups["path"].Value)];

    [GeneratedRegex("(?:src|href)=\"/(?<path>assets/[^\"]+)\"")]
    private static partial Regex AssetReference();
}
