using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace RealtimeHub.Contracts.Games;

/// <summary>
/// One player's score in a match's current round: <c>{ playerId, name, score }</c> on the wire.
/// </summary>
/// <remarks>
/// C# forbids a member named after its type, so the score itself is <see cref="Points"/> here and is written as
/// <c>score</c> on both protocols: <see cref="JsonPropertyNameAttribute"/> for JSON, <see cref="DataMemberAttribute"/>
/// for MessagePack (SignalR's contractless resolver honours it).
/// </remarks>
[DataContract]
public sealed record Score(
    [property: DataMember(Name = "playerId")] string PlayerId,
    [property: DataMember(Name = "name")] string Name,
    [property: DataMember(Name = "score"), JsonPropertyName("score")] int Points);
