namespace RealtimeHub.Server.Access;

/// <summary>
/// What a user may do with a resource, in increasing order. Rooms and feeds only know <see cref="None"/> and
/// <see cref="Write"/> (a member may do everything); documents also grant <see cref="Read"/>.
/// </summary>
public enum AccessRole
{
    /// <summary>Not a member of a private resource: refused.</summary>
    None,

    /// <summary>A member that may only read (a document's <c>read</c> role: open it, share awareness).</summary>
    Read,

    /// <summary>A full member: every open resource's users, a grant without a narrower role, and the token's claim.</summary>
    Write,
}
