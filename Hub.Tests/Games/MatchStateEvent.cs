using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Tests.Games;

/// <summary>A <c>MatchState</c> as a probe received it (or a <c>MatchJoin</c>'s state), entity values as JSON whichever protocol carried them.</summary>
public sealed record MatchStateEvent(string MatchId, MatchDelta Delta)
{
    public override string ToString() => $"{MatchId}@{Delta.Tick}{(Delta.Full ? " full" : string.Empty)} [{string.Join(", ", Delta.Entities.Keys)}] last={Delta.LastInputSequence}";
}
