namespace RealtimeHub.Cli.Bench;

/// <summary>What one <c>bench</c> run was asked to do: the arguments every generator accepts (bench/README.md).</summary>
internal sealed record BenchSettings
{
    public required string Scenario { get; init; }

    /// <summary>The stack the records name: one generator measures both RealtimeHub stacks.</summary>
    public string Stack { get; init; } = "realtimehub";

    public required IReadOnlyList<Uri> Servers { get; init; }

    public IReadOnlyList<int> Pids { get; init; } = [];

    public IReadOnlyList<Uri> Redis { get; init; } = [];

    public bool Quick { get; init; }

    public bool Json { get; init; }

    public int? Connections { get; init; }

    public double? StepSeconds { get; init; }

    public IReadOnlyList<double>? Rates { get; init; }

    public string? Variant { get; init; }

    /// <summary>Storm: messages per second over all rooms (default: two per room). Feeds: updates published per second.</summary>
    public double? Rate { get; init; }

    /// <summary>Feeds: instruments (keys) of the feed.</summary>
    public int? Instruments { get; init; }

    /// <summary>Feeds: how long one watcher stops reading.</summary>
    public double? PauseSeconds { get; init; }

    /// <summary>Feeds: the unmeasured warm-up (default: as the stepped scenarios, at least 15 s).</summary>
    public double? WarmUpSeconds { get; init; }

    /// <summary>Feeds: the server API key the publisher sends (default: the BENCH_API_KEY environment variable).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Idle: connects in flight at once.</summary>
    public int Concurrency { get; init; } = 100;

    public string? KillCommand { get; init; }

    public string? RestartCommand { get; init; }

    public required string SigningKey { get; init; }

    public string? OutFile { get; init; }
}
