using System.Runtime.InteropServices;

namespace RealtimeHub.Cli.Bench;

/// <summary>What a scenario works with: its settings, the token minter, result lines out, progress to stderr.</summary>
internal sealed class BenchContext
{
    private readonly IReadOnlyList<TextWriter> _results;
    private readonly List<BenchRecord> _emitted = [];

    public BenchContext(BenchSettings settings, IReadOnlyList<TextWriter> results, BenchProgress progress)
    {
        Settings = settings;
        _results = results;
        Progress = progress;
        Tokens = new TokenMinter(settings.SigningKey);
    }

    public BenchSettings Settings { get; }

    public TokenMinter Tokens { get; }

    public BenchProgress Progress { get; }

    public bool Quick => Settings.Quick;

    public IReadOnlyList<BenchRecord> Emitted => _emitted;

    public void Log(string message) => Progress.Line($"[{Settings.Stack} {Settings.Scenario}] {message}");

    /// <summary>Writes one result line: the fields every record carries, then the scenario's.</summary>
    public void Emit(BenchRecord fields)
    {
        var record = new BenchRecord()
            .Set("schema", BenchRecord.Schema)
            .Set("stack", Settings.Stack)
            .Set("scenario", Settings.Scenario)
            .Set("variant", null)
            .Set("step", 0)
            .Set("quick", Settings.Quick)
            .Set("timestamp", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture))
            .Set("loadgen", $"realtimehub-bench {RuntimeInformation.FrameworkDescription}")
            .Set("host", Environment.MachineName);
        foreach (var (name, value) in fields.Fields)
        {
            record.Fields[name] = value?.DeepClone();
        }

        _emitted.Add(record);
        var line = record.Fields.ToJsonString() + "\n";
        foreach (var results in _results)
        {
            results.Write(line);
            results.Flush();
        }
    }
}
