using RealtimeHub.Server.Games.Internal;

namespace RealtimeHub.Server.Games;

/// <summary>
/// The two channels of each match between nodes: <em>to its host</em> (the node running it listens: joins, inputs,
/// leaves) and <em>to its players</em> (every node holding a player of it listens: states, scores, join replies).
/// Messages on one channel arrive in the order they were sent, one at a time per listener.
/// </summary>
public interface IMatchBus
{
    /// <summary>This node's id on the bus; messages carry it as their origin.</summary>
    string NodeId { get; }

    /// <summary>Raised when the link to the other nodes came back after a break: messages sent meanwhile were lost.</summary>
    event Action? Reconnected;

    /// <summary>Sends to the node running the match; false when no node listens for it (none runs it right now).</summary>
    Task<bool> SendToHostAsync(string matchId, MatchBusMessage message);

    /// <summary>Sends to the nodes holding players of the match without waiting; sends from one thread leave in order.</summary>
    void SendToPlayers(string matchId, MatchBusMessage message);

    /// <summary>Starts hearing what is sent to the match's host (this node runs it); returns once listening.</summary>
    Task ListenAsHostAsync(string matchId, Func<MatchBusMessage, Task> handler, CancellationToken cancellationToken);

    Task StopListeningAsHostAsync(string matchId);

    /// <summary>Starts hearing what the match's host sends its players, unless already listening; returns once listening.</summary>
    Task ListenAsPlayersAsync(string matchId, Func<MatchBusMessage, Task> handler, CancellationToken cancellationToken);

    /// <summary>Stops hearing the match's players channel unless <paramref name="stillNeeded"/> (checked under the bus's lock) says otherwise.</summary>
    Task StopListeningAsPlayersAsync(string matchId, Func<bool> stillNeeded);
}
