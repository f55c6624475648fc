using RealtimeHub.Server.Access;
using RealtimeHub.Server.Rooms;

namespace RealtimeHub.Server.Documents;

/// <summary>Refuses the method (<c>forbidden document</c>) to users who may not even read the private document named by its first argument.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DocumentReadersOnlyAttribute : MembersOnlyAttribute
{
    public override AccessKind Kind => AccessKind.Document;
}
