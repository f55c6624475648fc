namespace RealtimeHub.Contracts.Live;

/// <summary>Prefixes of the errors a <c>Watch</c> stream ends with.</summary>
public static class LiveErrors
{
    public const string InvalidFeed = "invalid feed";
    public const string InvalidKey = "invalid key";
    public const string InvalidRate = "invalid rate";
    public const string TooManyWatches = "too many watches";

    /// <summary>The feed is private and the caller is not one of its members, or stopped being one during the watch.</summary>
    public const string ForbiddenFeed = "forbidden feed";

    /// <summary>The node cannot reach Redis now; watch again.</summary>
    public const string Unavailable = ChatErrors.Unavailable;
}
