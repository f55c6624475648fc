namespace RealtimeHub.Contracts.Live;

/// <summary>Limits of live feeds fixed by the contract, checked on both sides.</summary>
public static class LiveLimits
{
    /// <summary>Feed names follow the room-name rule: 1–64 of <c>[A-Za-z0-9_.-]</c>.</summary>
    public const int MaxFeedNameLength = ChatLimits.MaxRoomNameLength;

    /// <summary>Keys are 1–64 of <c>[A-Za-z0-9_.:-]</c>.</summary>
    public const int MaxKeyLength = 64;

    /// <summary>Most keys one watch may name (null names every key).</summary>
    public const int MaxKeysPerWatch = 500;

    /// <summary>Largest value, as UTF-8 JSON text.</summary>
    public const int MaxValueBytes = 4 * 1024;

    /// <summary>Most entries in one publish request.</summary>
    public const int MaxUpdatesPerRequest = 1_000;

    public const double MinMaxPerSecond = 0.1;
    public const double MaxMaxPerSecond = 50;
}
