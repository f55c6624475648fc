using Microsoft.AspNetCore.SignalR;

namespace RealtimeHub.Server.Scaleout.Internal;

/// <summary>A hub message read off the backplane.</summary>
internal readonly record struct ReceivedMessage(string Origin, IReadOnlyList<string>? Excluded, SerializedHubMessage Message);
