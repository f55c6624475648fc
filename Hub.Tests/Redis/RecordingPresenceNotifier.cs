using RealtimeHub.Contracts;
using RealtimeHub.Server.Presence;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Redis;

/// <summary>Records every departure and arrival a tracker announces by itself, as <c>room/userId/name</c>.</summary>
public sealed class RecordingPresenceNotifier : IPresenceNotifier
{
    public EventLog<string> Left { get; } = new();

    public EventLog<string> Joined { get; } = new();

    public Task UserJoinedAsync(string room, UserPresence user, CancellationToken cancellationToken = default)
    {
        Joined.Add($"{room}/{user.UserId}/{user.Name}");
        return Task.CompletedTask;
    }

    public Task UserLeftAsync(string room, UserPresence user, CancellationToken cancellationToken = default)
    {
        Left.Add($"{room}/{user.UserId}/{user.Name}");
        return Task.CompletedTask;
    }
}
