using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Cluster;

/// <summary>
/// nginx running <c>deploy/nginx.conf</c>, the file users deploy, with only its addresses swapped for the test's:
/// the two upstream nodes and the public port. Runs from a private prefix directory.
/// </summary>
public sealed class NginxProcess : IAsyncDisposable
{
    private const string NginxPath = "/usr/sbin/nginx";
    private readonly string _prefix;
    private readonly int _masterPid;

    private NginxProcess(string prefix, int masterPid, Uri baseUri)
    {
        _prefix = prefix;
        _masterPid = masterPid;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public string ErrorLog => File.Exists(Path.Combine(_prefix, "logs", "error.log")) ? File.ReadAllText(Path.Combine(_prefix, "logs", "error.log")) : string.Empty;

    public static async Task<NginxProcess> StartAsync(Uri first, Uri second)
    {
        var template = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "deploy", "nginx.conf"));
        Require(template, "127.0.0.1:5001", "127.0.0.1:5002", "listen 5000;");
        for (var attempt = 1; ; attempt++)
        {
            var port = FindFreePort();
            var config = template
                .Replace("127.0.0.1:5001", first.Authority, StringComparison.Ordinal)
                .Replace("127.0.0.1:5002", second.Authority, StringComparison.Ordinal)
                .Replace("listen 5000;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal);
            var prefix = Directory.CreateTempSubdirectory("rh-nginx-").FullName;
            try
            {
                return await StartAsync(prefix, config, port);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                Directory.Delete(prefix, recursive: true); // most likely the port was taken meanwhile
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var master = Process.GetProcessById(_masterPid);
            PosixSignals.Terminate(_masterPid);
            await master.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (ArgumentException)
        {
            // already gone
        }

        Directory.Delete(_prefix, recursive: true);
    }

    /// <summary>
    /// nginx daemonizes only after it has bound its port, so once the starting command exits the balancer accepts
    /// connections: no polling needed.
    /// </summary>
    private static async Task<NginxProcess> StartAsync(string prefix, string config, int port)
    {
        Directory.CreateDirectory(Path.Combine(prefix, "logs"));
        Directory.CreateDirectory(Path.Combine(prefix, "temp"));
        // Started as root, nginx runs its workers as nobody: they must be able to reach the temp directory.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(prefix, (UnixFileMode)0b111_101_101);
        }
        var configPath = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(configPath, config);

        var info = new ProcessStartInfo(NginxPath) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-p", prefix, "-c", configPath, "-e", Path.Combine(prefix, "logs", "error.log") })
        {
            info.ArgumentList.Add(argument);
        }

        using var start = Process.Start(info)!;
        var stderr = start.StandardError.ReadToEndAsync();
        await start.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        if (start.ExitCode != 0)
        {
            throw new InvalidOperationException($"nginx failed to start ({start.ExitCode}): {await stderr}");
        }

        var pid = int.Parse((await File.ReadAllTextAsync(Path.Combine(prefix, "nginx.pid"))).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return new NginxProcess(prefix, pid, new Uri($"http://127.0.0.1:{port}/"));
    }

    private static void Require(string template, params string[] fragments)
    {
        foreach (var fragment in fragments)
        {
            if (!template.Contains(fragment, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"deploy/nginx.conf no longer contains '{fragment}'; update {nameof(NginxProcess)}.");
            }
        }
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
