using System.Runtime.Serialization;

namespace RealtimeHub.Server.Games.Arena;

/// <summary><c>gem:&lt;n&gt;</c> as players see it: <c>{ x, y }</c>; gems sit on whole units.</summary>
[DataContract]
public sealed record ArenaGemEntity(
    [property: DataMember(Name = "x")] int X,
    [property: DataMember(Name = "y")] int Y);
