using System.Text.Json.Serialization;

namespace RealtimeHub.Contracts.Games;

/// <summary>One player's score in a match's current round: <c>{ playerId, name, score }</c> on the wire.</summary>
/// <remarks>
/// C# forbids a member named after its type, so the score itself is <see cref="Points"/> here. It is written as
/// <c>score</c> on both protocols: <see cref="JsonPropertyNameAttribute"/> names it for JSON, and
/// <see cref="ContractMessagePack"/> takes the same names for MessagePack.
/// </remarks>
public sealed record Score(string PlayerId, string Name, [property: JsonPropertyName("score")] int Points);
