using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Browser;

/// <summary>The browser tests drive the built page that Hub.Server serves from its wwwroot.</summary>
public static class WebPageBuild
{
    public static void EnsureBuilt()
    {
        var index = Path.Combine(RepositoryPaths.Server, "wwwroot", "index.html");
        if (!File.Exists(index))
        {
            throw new InvalidOperationException(
                $"The web page is not built ({index} is missing). Run `cd client-web && npm ci && npm run build` (./test.sh does).");
        }
    }
}
