using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using RealtimeHub.Contracts.Games;
using RealtimeHub.Server.Games.Internal;

namespace RealtimeHub.Server.Games;

/// <summary>
/// One running match: a kind's simulation plus what every kind needs around it: seats (at most
/// <c>Games:SeatsPerMatch</c>), the tick count (the match's clock), one pending input per player (the newest wins and is
/// applied at the next tick), each player's view memory for deltas, and saving and restoring the whole of it.
/// Thread-safe: hubs join, leave and queue inputs while a <see cref="MatchLoop"/> steps it.
/// </summary>
public sealed class Match
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, MatchSeat> _seats = new(StringComparer.Ordinal);
    private readonly List<MatchSeat> _seatOrder = []; // join order: inputs apply and seats save in it, for determinism
    private readonly GamesOptions _options;
    private readonly MatchEntities _entities;
    private readonly IMatchSimulation _simulation;
    private long _tick;

    private Match(string id, GameKind kind, GamesOptions options, MatchEntities entities, IMatchSimulation simulation, long tick)
    {
        Id = id;
        Kind = kind;
        _options = options;
        _entities = entities;
        _simulation = simulation;
        _tick = tick;
    }

    public string Id { get; }

    public GameKind Kind { get; }

    /// <summary>Steps taken since the match was created (restoring goes on from the saved count).</summary>
    public long Tick => Volatile.Read(ref _tick);

    public int SeatCount
    {
        get
        {
            lock (_sync)
            {
                return _seats.Count;
            }
        }
    }

    public static Match Create(string id, GameKind kind, GamesOptions options, ulong seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var entities = new MatchEntities(options.ViewRadius);
        return new Match(id, kind, options, entities, kind.Create(new MatchSetup(options, entities), seed), tick: 0);
    }

    /// <summary>A match that goes on from <see cref="Save"/>'s bytes, its players still seated; each one's next delta is full.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a saved match, or name a kind this node does not run.</exception>
    public static Match Restore(ReadOnlySpan<byte> saved, GameKindCatalog kinds, GamesOptions options)
    {
        var snapshot = ReadSnapshot(saved);
        if (!kinds.TryGet(snapshot.Kind, out var kind))
        {
            throw new InvalidDataException($"Saved match {snapshot.MatchId} is of kind '{snapshot.Kind}', which this node does not run.");
        }

        var entities = new MatchEntities(options.ViewRadius);
        var match = new Match(snapshot.MatchId, kind, options, entities, kind.Restore(new MatchSetup(options, entities), snapshot.State), snapshot.Tick);
        foreach (var seat in snapshot.Seats)
        {
            match.AddSeat(new MatchSeat(seat.PlayerId, seat.Name, seat.LastInputSequence));
        }

        return match;
    }

    /// <summary>The seated players and their names, in seat order.</summary>
    public (string PlayerId, string Name)[] Players
    {
        get
        {
            lock (_sync)
            {
                return [.. _seatOrder.Select(s => (s.PlayerId, s.Name))];
            }
        }
    }

    public bool IsSeated(string playerId)
    {
        lock (_sync)
        {
            return _seats.ContainsKey(playerId);
        }
    }

    /// <summary>
    /// Seats the player, or finds its seat when it already holds one, and returns its full view. False when every seat is
    /// taken by someone else.
    /// </summary>
    public bool TryJoin(string playerId, string name, [NotNullWhen(true)] out MatchJoin? join)
    {
        lock (_sync)
        {
            if (!_seats.TryGetValue(playerId, out var seat))
            {
                if (_seats.Count >= _options.SeatsPerMatch)
                {
                    join = null;
                    return false;
                }

                _simulation.Join(playerId, name);
                seat = new MatchSeat(playerId, name, lastInputSequence: 0);
                AddSeat(seat);
            }

            seat.View.FullRequested = true;
            join = new MatchJoin(Id, Kind.Name, playerId, _tick, BuildDelta(seat));
            seat.JoinViewTick = _tick;
            return true;
        }
    }

    /// <summary>Frees the player's seat; false when it held none.</summary>
    public bool Leave(string playerId)
    {
        lock (_sync)
        {
            if (!_seats.Remove(playerId, out var seat))
            {
                return false;
            }

            _seatOrder.Remove(seat);
            _simulation.Leave(playerId);
            return true;
        }
    }

    /// <summary>
    /// Queues a player's input for the next tick, read and clamped by the kind's rules; a newer input before that tick
    /// replaces it. False when the player holds no seat.
    /// </summary>
    public bool QueueInput(string playerId, long sequence, MatchInput input)
    {
        var parsed = Kind.ParseInput(input); // pure, so outside the lock
        lock (_sync)
        {
            if (!_seats.TryGetValue(playerId, out var seat))
            {
                return false;
            }

            seat.PendingInput = parsed;
            seat.PendingSequence = sequence;
            return true;
        }
    }

    /// <summary>The player's next delta will hold everything in its view (after a reconnect); false when it holds no seat.</summary>
    public bool RequestFullState(string playerId)
    {
        lock (_sync)
        {
            if (!_seats.TryGetValue(playerId, out var seat))
            {
                return false;
            }

            seat.View.FullRequested = true;
            return true;
        }
    }

    /// <summary>The seated players' scores, best first.</summary>
    public Score[] Scores()
    {
        lock (_sync)
        {
            return _simulation.Scores();
        }
    }

    /// <summary>The whole match as bytes (JSON), for <see cref="Restore"/> here or on another node. Inputs not yet applied are not part of it.</summary>
    public byte[] Save()
    {
        lock (_sync)
        {
            var seats = _seatOrder.Select(s => new MatchSnapshotSeat(s.PlayerId, s.Name, s.LastInputSequence)).ToArray();
            var snapshot = new MatchSnapshot(MatchSnapshot.CurrentFormat, Id, Kind.Name, _tick, seats, _simulation.Save());
            return JsonSerializer.SerializeToUtf8Bytes(snapshot, GamesJsonContext.Default.MatchSnapshot);
        }
    }

    /// <summary>One tick: applies each player's newest pending input (in seat order), then steps the simulation.</summary>
    /// <returns>The round's final scores when this tick ended a round, else null.</returns>
    internal Score[]? Step()
    {
        lock (_sync)
        {
            foreach (var seat in _seatOrder)
            {
                if (seat.PendingInput is { } input)
                {
                    _simulation.ApplyInput(seat.PlayerId, input);
                    seat.LastInputSequence = seat.PendingSequence;
                    seat.PendingInput = null;
                }
            }

            Volatile.Write(ref _tick, _tick + 1);
            return _simulation.Step();
        }
    }

    /// <summary>Each seated player's delta since the last one it was sent.</summary>
    internal PlayerDelta[] CollectDeltas()
    {
        lock (_sync)
        {
            var deltas = new List<PlayerDelta>(_seatOrder.Count);
            foreach (var seat in _seatOrder)
            {
                // A join at this very tick handed out a full view: a delta of the same tick would be dropped on its way
                // (a client's view is newer than any delta of its join's tick), so what changed since that view waits
                // for the next delta rather than being counted as sent.
                if (seat.JoinViewTick != _tick)
                {
                    deltas.Add(new PlayerDelta(seat.PlayerId, BuildDelta(seat)));
                }
            }

            return [.. deltas];
        }
    }

    private MatchDelta BuildDelta(MatchSeat seat) =>
        seat.View.Build(_entities, _simulation.ViewOf(seat.PlayerId), _tick, seat.LastInputSequence);

    private void AddSeat(MatchSeat seat)
    {
        _seats.Add(seat.PlayerId, seat);
        _seatOrder.Add(seat);
    }

    private static MatchSnapshot ReadSnapshot(ReadOnlySpan<byte> saved)
    {
        MatchSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize(saved, GamesJsonContext.Default.MatchSnapshot);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException("Not a saved match.", exception);
        }

        if (snapshot is null || snapshot.Format != MatchSnapshot.CurrentFormat)
        {
            throw new InvalidDataException($"Saved match format {snapshot?.Format} is not {MatchSnapshot.CurrentFormat}.");
        }

        return snapshot;
    }
}
