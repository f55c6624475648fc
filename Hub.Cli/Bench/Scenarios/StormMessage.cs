namespace RealtimeHub.Cli.Bench.Scenarios;

/// <summary>One storm message: acknowledged yet, and how often each member of its room got it.</summary>
internal sealed class StormMessage
{
    public byte[] Seen { get; } = new byte[StormScenario.RoomSize];

    public volatile bool Acked;
}
