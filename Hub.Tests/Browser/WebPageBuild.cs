using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Browser;

/// <summary>The browser tests drive the built pages that Hub.Server serves from its wwwroot.</summary>
public static class WebPageBuild
{
    /// <param name="page">The built page's file under wwwroot: <c>index.html</c> (chat), <c>dashboard/index.html</c>, ….</param>
    public static void EnsureBuilt(string page = "index.html")
    {
        var index = Path.Combine(RepositoryPaths.Server, "wwwroot", page);
        if (!File.Exists(index))
        {
            throw new InvalidOperationException(
                $"The web page is not built ({index} is missing). Run `cd client-web && npm ci && npm run build` (./test.sh does).");
        }
    }
}
