namespace RealtimeHub.Contracts.Documents;

/// <summary>Limits of collaborative documents that both sides check.</summary>
public static class DocumentLimits
{
    /// <summary>Document ids follow the room-name rule: 1–64 of <c>[A-Za-z0-9_.-]</c>.</summary>
    public const int MaxDocumentIdLength = ChatLimits.MaxRoomNameLength;

    /// <summary>The default of <c>Docs:MaxUpdateBytes</c>: the largest update or snapshot, in raw bytes.</summary>
    public const int DefaultMaxUpdateBytes = 1024 * 1024;

    /// <summary>Longest clientUpdateId, in characters.</summary>
    public const int MaxClientUpdateIdLength = 128;

    /// <summary>Largest awareness update, in raw bytes (a caret and a name take well under 1 KiB).</summary>
    public const int MaxAwarenessBytes = 64 * 1024;

    /// <summary>Most awareness client ids one connection may hold at once in one document (one per Y.Doc it edits it with).</summary>
    public const int MaxAwarenessClientsPerConnection = 8;
}
