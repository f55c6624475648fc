using System.Diagnostics;
using System.Text.RegularExpressions;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Cluster;

/// <summary>
/// A RealtimeHub node as its own process (<c>dotnet RealtimeHub.Server.dll</c> from the test's build output), so a
/// test can send it SIGTERM like an orchestrator would. Binds port 0 and learns its address from Kestrel's log.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;

    private ServerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public Uri BaseUri { get; private set; } = null!;

    public int ProcessId => _process.Id;

    /// <summary>Everything the node wrote to stdout and stderr, line by line.</summary>
    public EventLog<string> Output { get; } = new();

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static Task<ServerProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings) =>
        StartAsync(name, Path.Combine(AppContext.BaseDirectory, "RealtimeHub.Server.dll"), RepositoryPaths.Server, settings);

    /// <summary>A node from another build of the server (a published app), serving what <paramref name="contentRoot"/> holds.</summary>
    public static async Task<ServerProcess> StartAsync(
        string name, string serverDll, string contentRoot, IReadOnlyDictionary<string, string> settings)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { serverDll, "--urls", "http://127.0.0.1:0", "--contentRoot", contentRoot, "--environment", "Testing" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["Node__Name"] = name;
        info.Environment["Logging__LogLevel__Default"] = "Information";
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        var server = new ServerProcess(new Process { StartInfo = info, EnableRaisingEvents = true }, name);
        await server.StartCoreAsync();
        return server;
    }

    /// <summary>SIGTERM, as <c>docker stop</c> or Kubernetes would send it.</summary>
    public void Terminate() => PosixSignals.Terminate(_process.Id);

    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync().WaitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    public override string ToString() => $"{Name} ({BaseUri})";

    private async Task StartCoreAsync()
    {
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var exited = _process.WaitForExitAsync();
        var listening = Output.WaitUntilAsync(lines => lines.Any(l => ListeningLine().IsMatch(l)), $"{Name} to listen", StartTimeout);
        if (await Task.WhenAny(listening, exited) == exited)
        {
            throw new InvalidOperationException($"{Name} exited during start ({_process.ExitCode}): {Tail()}");
        }

        var lines = await listening;
        BaseUri = new Uri(ListeningLine().Match(lines.First(l => ListeningLine().IsMatch(l))).Groups["url"].Value + "/");
    }

    private void OnLine(string? line)
    {
        if (line is not null)
        {
            Output.Add(line);
        }
    }

    public string Tail(int lines = 20) => string.Join(Environment.NewLine, Output.Snapshot().TakeLast(lines));

    [GeneratedRegex(@"Now listening on: (?<url>http://[^\s/]+)")]
    private static partial Regex ListeningLine();
}
