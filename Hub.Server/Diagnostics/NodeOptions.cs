namespace RealtimeHub.Server.Diagnostics;

/// <summary>Bound from the <c>Node</c> configuration section.</summary>
public sealed class NodeOptions
{
    public const string SectionName = "Node";

    /// <summary>This node's name in <c>/stats</c> and logs. Default: machine name and process id.</summary>
    public string Name { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";
}
