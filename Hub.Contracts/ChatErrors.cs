namespace RealtimeHub.Contracts;

/// <summary>Prefixes every hub error message starts with, so clients can branch on them.</summary>
public static class ChatErrors
{
    public const string InvalidRoom = "invalid room";
    public const string InvalidMessage = "invalid message";
    public const string NotInRoom = "not in room";
    public const string RateLimited = "rate limited";
    public const string TooManyRooms = "too many rooms";
    public const string InvalidUser = "invalid user";

    /// <summary>The room is private and the caller is not one of its members (no grant, no <c>rooms</c> claim naming it).</summary>
    public const string ForbiddenRoom = "forbidden room";

    /// <summary>Not a rule violation: the node cannot reach its backplane right now. Retry later; nothing was stored.</summary>
    public const string Unavailable = "unavailable";
}
