using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts.Live;

namespace RealtimeHub.Server.Live;

/// <summary>The <see cref="HubException"/>s a watch ends with, each starting with a contract prefix from <see cref="LiveErrors"/>.</summary>
public static class LiveHubErrors
{
    public static HubException InvalidFeed(string reason) => new(Message(LiveErrors.InvalidFeed, reason));

    public static HubException InvalidKey(string reason) => new(Message(LiveErrors.InvalidKey, reason));

    public static HubException InvalidRate(string reason) => new(Message(LiveErrors.InvalidRate, reason));

    public static HubException TooManyWatches(int max) => new(Message(LiveErrors.TooManyWatches, $"a connection may hold at most {max} watches"));

    public static string ForbiddenFeed(string feed) => Message(LiveErrors.ForbiddenFeed, $"'{feed}' is private and you are not a member");

    public static HubException Unavailable() => new(Message(LiveErrors.Unavailable, "the node cannot reach Redis now; watch again shortly"));

    private static string Message(string prefix, string detail) => $"{prefix}: {detail}";
}
