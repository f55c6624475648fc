namespace RealtimeHub.Contracts.Api;

/// <summary>What a member of a private document may do: <c>read</c> (open it, share awareness) or <c>write</c> (also push updates and snapshots).</summary>
public static class DocumentRoles
{
    public const string Read = "read";
    public const string Write = "write";
}
