using RealtimeHub.Server.Access;
using RealtimeHub.Server.Rooms;

namespace RealtimeHub.Server.Documents;

/// <summary>Refuses the method (<c>forbidden document</c>) to users who may not write the private document named by its first argument (readers included).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DocumentWritersOnlyAttribute : MembersOnlyAttribute
{
    public override AccessKind Kind => AccessKind.Document;

    public override AccessRole Role => AccessRole.Write;
}
