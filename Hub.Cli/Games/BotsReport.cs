using RealtimeHub.Cli.Bench.Measuring;

namespace RealtimeHub.Cli.Games;

/// <summary>
/// One line of <c>bots --json</c> (camelCase on the wire). Rates are over <see cref="WindowSeconds"/>: for a
/// <c>summary</c> the measured window (after the ramp), for a <c>progress</c> line the last second; per player means
/// divided by the bots seated at the end of the window.
/// </summary>
/// <param name="Type"><c>progress</c> (one a second with <c>--progress</c>) or <c>summary</c> (one, last).</param>
/// <param name="Measuring">False while bots are still connecting and finding matches (the ramp).</param>
/// <param name="Connected">Bots whose connection is up.</param>
/// <param name="Seated">Bots holding a seat in a match.</param>
/// <param name="Matches">Distinct matches the seated bots are in.</param>
/// <param name="InputsSent">Inputs sent in the window.</param>
/// <param name="InputToDelta">From sending input s to the first state whose <c>lastInputSequence</c> ≥ s, over the whole measured window so far (ms).</param>
/// <param name="StatesReceived">States the bots applied in the window (<c>MatchState</c> messages, plus one per join).</param>
/// <param name="BytesReceived">Bytes read from the bots' TCP sockets in the window (WebSocket frames with headers: states, scoreboards, pings and all); null when not counted (https).</param>
/// <param name="Errors">Failed connects, FindMatch and input calls, seats lost, connections closed for good, in the window.</param>
internal sealed record BotsReport(
    string Type,
    bool Measuring,
    double ElapsedSeconds,
    double WindowSeconds,
    string Kind,
    string Protocol,
    int Bots,
    int Nodes,
    int Connected,
    int Seated,
    int Matches,
    double InputRatePerBot,
    long InputsSent,
    LatencySummary InputToDelta,
    long StatesReceived,
    double? StatesPerPlayerPerSecond,
    long? BytesReceived,
    double? BytesPerPlayerPerSecond,
    long Errors,
    string? LastError);
