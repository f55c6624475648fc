using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Hosting;

/// <summary>
/// Hub.Server published once into a temporary folder, its pages built by the publish into a folder of their own
/// (<c>ClientWebOutputDir</c>), so the repository's wwwroot, which other tests serve meanwhile, is never touched.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), Unique.Name("realtimehub-publish"));

    /// <summary>Where the publish built client-web's pages.</summary>
    public string PagesDir => Path.Combine(Root, "pages");

    public PublishResult First { get; private set; } = null!;

    public async Task InitializeAsync() => First = await PublishAsync("app", $"-p:ClientWebOutputDir={PagesDir}");

    /// <summary>Another publish of the same build into <c>Root/name</c>.</summary>
    public Task<PublishResult> PublishAsync(string name, params string[] switches) =>
        ServerPublish.RunAsync(Path.Combine(Root, name), switches);

    public Task DisposeAsync()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        return Task.CompletedTask;
    }
}
