namespace RealtimeHub.Contracts.Api;

/// <summary>Who may enter a room: everyone signed in (<c>open</c>, the default) or only its members (<c>private</c>).</summary>
public static class RoomAccess
{
    public const string Open = "open";
    public const string Private = "private";
}
