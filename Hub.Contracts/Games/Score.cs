using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace RealtimeHub.Contracts.Games;

/// <summary>One player's score in a match's current round: <c>{ playerId, name, score }</c> on the wire.</summary>
/// <remarks>
/// C# forbids a member named after its type, so the score itself is <see cref="Points"/> here. It is still written as
/// <c>score</c> over JSON (<see cref="JsonPropertyNameAttribute"/>) and as <c>Score</c> over MessagePack
/// (<see cref="DataMemberAttribute"/>, which SignalR's contractless resolver honours), where every record's fields
/// carry their C# names (<c>PlayerId</c>, not <c>playerId</c>).
/// </remarks>
[DataContract]
public sealed record Score(
    [property: DataMember(Name = "PlayerId")] string PlayerId,
    [property: DataMember(Name = "Name")] string Name,
    [property: DataMember(Name = "Score"), JsonPropertyName("score")] int Points);
