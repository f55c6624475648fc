namespace RealtimeHub.Server.Games.Internal;

/// <summary>
/// What nodes tell each other about one match over its two channels: to the node running it (joins, inputs, leaves)
/// and from it to the nodes holding its players (states, scores, join replies). <see cref="Origin"/> is the sending
/// node, so a node skips what it sent itself.
/// </summary>
public abstract record MatchBusMessage(string Origin);
