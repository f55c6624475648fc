namespace RealtimeHub.Cli.Bench.Scenarios;

/// <summary>One message of a step: when it was due, and how often each member got it.</summary>
internal sealed record SentMessage(long ScheduledAt, byte[] Seen);
