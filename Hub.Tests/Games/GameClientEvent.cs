using RealtimeHub.Client;
using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Tests.Games;

/// <summary>What a <see cref="TestGameClient"/> recorded: a state of a match, or a connection state entered.</summary>
internal sealed record GameClientEvent(string? MatchId, MatchDelta? Delta, ChatConnectionState? Connection);
