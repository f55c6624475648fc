using Microsoft.AspNetCore.SignalR;

namespace RealtimeHub.Server.Scaleout.Internal;

/// <summary>A hub message read off the backplane; <see cref="Result"/> says who waits for a client result, if anyone.</summary>
internal readonly record struct ReceivedMessage(string Origin, ResultRequest? Result, IReadOnlyList<string>? Excluded, SerializedHubMessage Message);
