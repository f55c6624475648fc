using System.Runtime.Serialization;

namespace RealtimeHub.Server.Games.Arena;

/// <summary>
/// <c>player:&lt;playerId&gt;</c> as players see it: <c>{ x, y, name, score }</c>. Positions to a tenth of a unit (short
/// on the wire, finer than any screen shows); the simulation keeps full precision.
/// </summary>
/// <remarks>
/// An entity's value is the kind's payload, so its fields are named as the contract names them on both protocols (as a
/// notification's data keeps its keys), not in C# case as records are over MessagePack.
/// </remarks>
[DataContract]
public sealed record ArenaPlayerEntity(
    [property: DataMember(Name = "x")] float X,
    [property: DataMember(Name = "y")] float Y,
    [property: DataMember(Name = "name")] string Name,
    [property: DataMember(Name = "score")] int Score);
