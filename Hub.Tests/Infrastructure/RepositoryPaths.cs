namespace RealtimeHub.Tests.Infrastructure;

/// <summary>Finds the repository from the test binaries, wherever the build put them.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Server => Path.Combine(Root, "Hub.Server");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RealtimeHub.sln")))
            {
                return dir.FullName;
            }
        }

        // Builds with --artifacts-path live outside the repository: fall back to the working directory's repo.
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RealtimeHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find RealtimeHub.sln above the test binaries or the working directory.");
    }
}
