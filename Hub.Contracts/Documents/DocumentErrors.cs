namespace RealtimeHub.Contracts.Documents;

/// <summary>Prefixes every document hub error message starts with, so clients can branch on them.</summary>
public static class DocumentErrors
{
    /// <summary>A malformed document id, a document deleted while the caller held it, or too many documents open on one connection.</summary>
    public const string InvalidDocument = "invalid document";

    /// <summary>Not a valid Yjs v1 update (or awareness update), or larger than <c>Docs:MaxUpdateBytes</c>. The connection stays open.</summary>
    public const string InvalidUpdate = "invalid update";

    public const string NotInDocument = "not in document";

    /// <summary>The document is private and the caller is not a member, or may only read it and tried to write.</summary>
    public const string ForbiddenDocument = "forbidden document";

    public const string RateLimited = ChatErrors.RateLimited;

    /// <summary>The node cannot reach Redis now; nothing was stored. Retry with the same clientUpdateId.</summary>
    public const string Unavailable = ChatErrors.Unavailable;
}
