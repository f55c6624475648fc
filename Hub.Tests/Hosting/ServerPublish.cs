using System.Diagnostics;
using System.Reflection;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Hosting;

/// <summary>
/// <c>dotnet publish Hub.Server</c> as a process, the way a user publishes it. It reuses the build the tests were made
/// from (<c>--no-build</c>, same configuration): what is under test is what publish adds, client-web's pages.
/// </summary>
public static class ServerPublish
{
    /// <summary>What Hub.Server/ClientWeb.targets prints when it runs npm.</summary>
    public const string BuildingClientWeb = "Building client-web into";

    // Bounds a failing publish only; a cold npm ci is the slow case.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private static string Configuration { get; } =
        typeof(ServerPublish).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

    /// <summary>Publishes into <paramref name="outputDir"/> with extra <c>-p:</c> switches; throws when it fails.</summary>
    public static async Task<PublishResult> RunAsync(string outputDir, params string[] switches)
    {
        // Build servers off: a reused MSBuild node would inherit the redirected output and keep it open after exit.
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "publish", RepositoryPaths.Server, "-c", Configuration, "-o", outputDir,
                     "--no-build", "--no-restore", "--disable-build-servers", "-nologo", "-tl:off" }.Concat(switches))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish exited with {process.ExitCode}:{Environment.NewLine}{output}");
        }

        return new PublishResult(outputDir, output);
    }
}
