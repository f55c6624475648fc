using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Documents;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Server.Chat;

namespace RealtimeHub.Server.Access;

/// <summary>
/// A kind of named resource whose access is controlled the same way: open to every signed-in user unless made
/// private, then only to its members (granted through the server API, or named in the token's claim of this kind).
/// Each kind keeps its Redis keys under <c>{prefix}:{Name}:{{name}}:</c> and hears changes on its own channel, so
/// rooms kept the keys and channel they had before feeds existed.
/// </summary>
public sealed class AccessKind
{
    public static readonly AccessKind Room = new("room", "rooms", ChatErrors.InvalidRoom, ChatErrors.ForbiddenRoom);

    public static readonly AccessKind Feed = new("feed", "feeds", LiveErrors.InvalidFeed, LiveErrors.ForbiddenFeed);

    /// <summary>Collaborative documents: named <c>doc</c> so their access keys sit beside their log (<c>{prefix}:doc:{docId}:…</c>).</summary>
    public static readonly AccessKind Document = new("doc", "documents", DocumentErrors.InvalidDocument, DocumentErrors.ForbiddenDocument);

    private AccessKind(string name, string claim, string invalidName, string forbidden)
    {
        Name = name;
        Claim = claim;
        InvalidName = invalidName;
        Forbidden = forbidden;
    }

    /// <summary>Every kind; a node hears access changes of each.</summary>
    public static IReadOnlyList<AccessKind> All { get; } = [Room, Feed, Document];

    /// <summary>The kind's word in keys, channels and logs: <c>room</c>, <c>feed</c>, <c>doc</c>.</summary>
    public string Name { get; }

    /// <summary>The token claim naming the private resources of this kind its user is a member of (with the role write): <c>rooms</c>, <c>feeds</c>, <c>documents</c>.</summary>
    public string Claim { get; }

    /// <summary>The contract's error prefix for a malformed name of this kind.</summary>
    public string InvalidName { get; }

    /// <summary>The contract's error prefix for a non-member of a private resource of this kind.</summary>
    public string Forbidden { get; }

    /// <summary>Names of every kind so far follow the room rule: 1–64 of <c>[A-Za-z0-9_.-]</c>.</summary>
    public bool IsValidName(string? name) => InputRules.IsValidRoom(name);

    public override string ToString() => Name;
}
