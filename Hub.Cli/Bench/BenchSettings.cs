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

    /// <summary>Storm: messages per second over all rooms (default: two per room).</summary>
    public double? Rate { get; init; }

    /// <summary>Idle: connects in flight at once.</summary>
    public int Concurrency { get; init; } = 100;

    public string? KillCommand { get; init; }

    public string? RestartCommand { get; init; }

    public required string SigningKey { get; init; }

    public string? OutFile { get; init; }
}
