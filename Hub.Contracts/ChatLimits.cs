namespace RealtimeHub.Contracts;

/// <summary>Limits fixed by the contract that both sides check.</summary>
public static class ChatLimits
{
    public const int MaxNameLength = 32;
    public const int MaxRoomNameLength = 64;
    public const int MaxHistoryPage = 500;
    public const int SnapshotRecentCount = 50;
    public const int MaxFrameBytes = 32 * 1024;
}
