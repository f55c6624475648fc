namespace RealtimeHub.Server.Access;

/// <summary>Who may use a room or a feed.</summary>
public enum AccessLevel
{
    /// <summary>Any signed-in user: the default.</summary>
    Open,

    /// <summary>Only its members: users granted through the server API, or whose token's claim of the kind names it.</summary>
    Private,
}
