using System.Diagnostics;
using System.Text.Json;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Documents;

/// <summary>
/// client-web's provider scenarios (<c>client-web/test/integration/docsProviderScenarios.ts</c>) as a Node process: the
/// real <c>SignalRYjsProvider</c> on the official SignalR JS client against a node the test started. The script asks
/// for faults with a line <c>@name</c> on stdout and waits for <c>ok</c> on stdin; it ends with <c>@result {json}</c>.
/// </summary>
public static class ProviderScenarioScript
{
    private const string ResultPrefix = "@result ";

    // Bounds a failing scenario only; each one finishes in seconds.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static readonly Lazy<Task> Built = new(BuildAsync);

    private static string ClientWeb => Path.Combine(RepositoryPaths.Root, "client-web");

    /// <summary>
    /// Runs one scenario; <paramref name="fault"/> carries out what the script asks for. Returns the script's result,
    /// and fails the test with the script's own words when one of its checks did not hold.
    /// </summary>
    public static async Task<JsonElement> RunAsync(
        string scenario, Uri node, Uri proxy, Func<string, Task>? fault = null, string protocol = "json")
    {
        await Built.Value;
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = ClientWeb,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(".test-out", "test", "integration", "docsProviderScenarios.js"),
                     scenario, node.ToString(), proxy.ToString(), Unique.Name("doc"), protocol })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string? result = null;
        try
        {
            result = await ReadUntilExitAsync(process, fault ?? (f => throw new InvalidOperationException($"Unexpected fault @{f}"))).WaitAsync(Timeout);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.True(process.ExitCode == 0, $"The {scenario} scenario failed:{Environment.NewLine}{await stderr}");
        Assert.NotNull(result);
        return JsonDocument.Parse(result).RootElement;
    }

    private static async Task<string?> ReadUntilExitAsync(Process process, Func<string, Task> fault)
    {
        string? result = null;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                result = line[ResultPrefix.Length..];
            }
            else if (line.StartsWith('@'))
            {
                await fault(line[1..]);
                await process.StandardInput.WriteLineAsync("ok");
                await process.StandardInput.FlushAsync();
            }
        }

        await process.WaitForExitAsync();
        return result;
    }

    /// <summary>Compiles client-web's tests (the scenarios with them) once per run, from the sources as they are now.</summary>
    private static async Task BuildAsync()
    {
        if (!Directory.Exists(Path.Combine(ClientWeb, "node_modules")))
        {
            throw new InvalidOperationException("client-web has no packages. Run `cd client-web && npm ci` (./test.sh does).");
        }

        var info = new ProcessStartInfo("npm") { WorkingDirectory = ClientWeb, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "run", "--silent", "build:test" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Timeout);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm run build:test exited with {process.ExitCode}:{Environment.NewLine}{await stdout}{await stderr}");
        }
    }
}
