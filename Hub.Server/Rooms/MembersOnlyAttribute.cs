using RealtimeHub.Server.Access;

namespace RealtimeHub.Server.Rooms;

/// <summary>
/// Marks a hub method whose first argument names a resource of <see cref="Kind"/> as refused (the kind's
/// <c>forbidden …</c> error) to users whose role in it is below <see cref="Role"/>; checked by <see cref="AccessHubFilter"/>
/// before the method runs. Each kind has its own attribute (<see cref="RoomMembersOnlyAttribute"/>, the documents' ones).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public abstract class MembersOnlyAttribute : Attribute
{
    public abstract AccessKind Kind { get; }

    /// <summary>The least role the method needs. Default <see cref="AccessRole.Read"/>: any member.</summary>
    public virtual AccessRole Role => AccessRole.Read;
}
