using RealtimeHub.Contracts;
using RealtimeHub.Server.Presence;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Redis;

/// <summary>Records every departure a tracker announces by itself, as <c>room/userId/name</c>.</summary>
public sealed class RecordingPresenceNotifier : IPresenceNotifier
{
    public EventLog<string> Left { get; } = new();

    public Task UserLeftAsync(string room, UserPresence user, CancellationToken cancellationToken = default)
    {
        Left.Add($"{room}/{user.UserId}/{user.Name}");
        return Task.CompletedTask;
    }
}
