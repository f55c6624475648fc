using System.Diagnostics;
using Docker.DotNet;
using DotNet.Testcontainers.Configurations;

namespace RealtimeHub.Tests.Infrastructure;

/// <summary>
/// Decides once per test run how <see cref="RedisServerFixture"/> runs Redis: in containers (Testcontainers on the
/// local Docker engine) when one answers and the image is there or can be built, else as redis-server processes.
/// Says which in one line on stderr.
/// </summary>
internal static class RedisServerRuntime
{
    /// <summary><c>container</c> fails the run when containers cannot be had; <c>process</c> skips Docker. Unset: either.</summary>
    public const string ModeVariable = "REALTIMEHUB_TEST_REDIS";

    /// <summary>The image to run; any image whose command line takes redis-server arguments works (<c>redis:7</c> too).</summary>
    public const string ImageVariable = "REDIS_TEST_IMAGE";

    private static readonly TimeSpan ImageBuildTimeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<Task<bool>> Decision = new(DecideAsync);

    public static string Image { get; } = Environment.GetEnvironmentVariable(ImageVariable) is { Length: > 0 } image ? image : "realtimehub-test-redis:7";

    public static Task<bool> UseContainersAsync() => Decision.Value;

    private static async Task<bool> DecideAsync()
    {
        var mode = Environment.GetEnvironmentVariable(ModeVariable);
        if (mode == "process")
        {
            Announce($"redis-server processes ({ModeVariable}=process)");
            return false;
        }

        var unavailable = await WhyNoContainersAsync();
        if (unavailable is null)
        {
            Announce($"containers of {Image} (Testcontainers)");
            return true;
        }

        if (mode == "container")
        {
            throw new InvalidOperationException($"{ModeVariable}=container, but {unavailable}.");
        }

        Announce($"redis-server processes, because {unavailable}");
        return false;
    }

    private static async Task<string?> WhyNoContainersAsync()
    {
        // Ryuk, Testcontainers' reaper, is an image that cannot be pulled here; fixtures remove their own containers,
        // and test.sh removes those of a crashed test host.
        if (Environment.GetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED") is null)
        {
            TestcontainersSettings.ResourceReaperEnabled = false;
        }

        // Readiness is polled once a second by default: Redis is up within milliseconds, so a missed first check
        // would cost a second per start and restart.
        TestcontainersSettings.WaitStrategyInterval ??= TimeSpan.FromMilliseconds(50);

        // Null when no Docker endpoint answered Testcontainers' ping.
        var endpoint = TestcontainersSettings.OS.DockerEndpointAuthConfig;
        if (endpoint is null)
        {
            return "no Docker engine answers";
        }

        using var configuration = endpoint.GetDockerClientConfiguration();
        using var client = configuration.CreateClient();
        try
        {
            await client.Images.InspectImageAsync(Image);
            return null;
        }
        catch (DockerImageNotFoundException)
        {
        }

        // dotnet test without test.sh: build the image now, it takes seconds.
        return await BuildImageAsync();
    }

    private static async Task<string?> BuildImageAsync()
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "scripts", "redis-image.sh"));
        info.Environment[ImageVariable] = Image;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ImageBuildTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return $"building {Image} took over {ImageBuildTimeout.TotalMinutes} minutes";
        }

        return process.ExitCode == 0 ? null : $"{Image} could not be built: {(await output).Trim()}";
    }

    private static void Announce(string how) => Console.Error.WriteLine($"Redis for tests: {how}.");
}
