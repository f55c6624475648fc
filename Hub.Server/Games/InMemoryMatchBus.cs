using System.Collections.Concurrent;
using RealtimeHub.Server.Games.Internal;

namespace RealtimeHub.Server.Games;

/// <summary>
/// Embedded mode: one node runs every match and holds every player, so a message reaches only this node's own
/// listeners, handed over as the object itself (nothing is serialized).
/// </summary>
public sealed class InMemoryMatchBus : IMatchBus
{
    private readonly ConcurrentDictionary<string, Func<MatchBusMessage, Task>> _hosts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<MatchBusMessage, Task>> _players = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    public string NodeId { get; } = $"memory:{Guid.NewGuid():N}";

    public event Action? Reconnected
    {
        add { } // the bus never breaks
        remove { }
    }

    public async Task<bool> SendToHostAsync(string matchId, MatchBusMessage message)
    {
        if (!_hosts.TryGetValue(matchId, out var handler))
        {
            return false;
        }

        await handler(message).ConfigureAwait(false);
        return true;
    }

    public void SendToPlayers(string matchId, MatchBusMessage message)
    {
        if (_players.TryGetValue(matchId, out var handler))
        {
            _ = handler(message);
        }
    }

    public Task ListenAsHostAsync(string matchId, Func<MatchBusMessage, Task> handler, CancellationToken cancellationToken)
    {
        _hosts[matchId] = handler;
        return Task.CompletedTask;
    }

    public Task StopListeningAsHostAsync(string matchId)
    {
        _hosts.TryRemove(matchId, out _);
        return Task.CompletedTask;
    }

    public Task ListenAsPlayersAsync(string matchId, Func<MatchBusMessage, Task> handler, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            _players.TryAdd(matchId, handler);
        }

        return Task.CompletedTask;
    }

    public Task StopListeningAsPlayersAsync(string matchId, Func<bool> stillNeeded)
    {
        lock (_sync)
        {
            if (!stillNeeded())
            {
                _players.TryRemove(matchId, out _);
            }
        }

        return Task.CompletedTask;
    }
}
