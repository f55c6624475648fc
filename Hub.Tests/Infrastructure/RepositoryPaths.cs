using System.Reflection;

namespace RealtimeHub.Tests.Infrastructure;

/// <summary>The repository the tests were built from (recorded at build time, so --artifacts-path builds work too).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = typeof(RepositoryPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string Server => Path.Combine(Root, "Hub.Server");
}
