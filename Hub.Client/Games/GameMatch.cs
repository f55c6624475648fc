using System.Collections.Immutable;
using System.Text.Json;
using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Client.Games;

/// <summary>
/// One match a <see cref="GameClient"/> holds a seat in, as its player is shown it: the entities near the player with
/// every <c>MatchState</c> delta applied (a full state replaces them all, a <c>null</c> removes one, others are merged by
/// id), the newest tick, the newest <see cref="LastInputSequence"/> and scoreboard. Safe to read from any thread; each
/// property is a consistent value of the moment it is read.
/// </summary>
public sealed class GameMatch
{
    /// <summary>How many deltas may arrive before the seat's own full state does (they are applied after it).</summary>
    private const int MaxEarlyDeltas = 64;

    private readonly Lock _sync = new();
    private readonly List<MatchDelta> _early = [];
    private ImmutableDictionary<string, JsonElement> _entities = ImmutableDictionary<string, JsonElement>.Empty;
    private Score[] _scores = [];
    private long _tick;
    private long _lastInputSequence;
    private long _lastSentSequence;
    private bool _hasBase;

    internal GameMatch(string matchId) => MatchId = matchId;

    public string MatchId { get; }

    /// <summary>The game kind, e.g. <see cref="GameKinds.Arena"/>; empty until the seat is taken.</summary>
    public string Kind { get; private set; } = string.Empty;

    /// <summary>This client's player in the match (its user id); empty until the seat is taken.</summary>
    public string PlayerId { get; private set; } = string.Empty;

    /// <summary>The simulation's tick of the newest state applied.</summary>
    public long Tick => Read(() => _tick);

    /// <summary>The newest of this player's inputs the simulation had applied, as of the newest state (0 before the first).</summary>
    public long LastInputSequence => Read(() => _lastInputSequence);

    /// <summary>The sequence number of the newest input this client sent (inputs are numbered from 1 per match).</summary>
    public long LastSentSequence => Interlocked.Read(ref _lastSentSequence);

    /// <summary>
    /// The entities near this player by id (arena: <c>player:&lt;playerId&gt;</c> <c>{ x, y, name, score }</c>,
    /// <c>gem:&lt;n&gt;</c> <c>{ x, y }</c>), as JSON on either hub protocol. An immutable snapshot.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> Entities => Read(() => _entities);

    /// <summary>The newest scoreboard (seated players, those within their reconnect grace included).</summary>
    public IReadOnlyList<Score> Scores => Read(() => _scores);

    /// <summary>This player's own entity, when the kind has one named <c>player:&lt;playerId&gt;</c> and it is in view.</summary>
    public JsonElement? Self => Entities.TryGetValue($"player:{PlayerId}", out var self) ? self : null;

    internal bool IsSeated => Read(() => Kind.Length > 0);

    internal long NextSequence() => Interlocked.Increment(ref _lastSentSequence);

    /// <summary>Takes the seat with its full state, then applies the deltas that overtook it. Returns what was applied, in order.</summary>
    internal List<MatchDelta> Seat(MatchJoin join)
    {
        lock (_sync)
        {
            (Kind, PlayerId) = (join.Kind, join.PlayerId);
            var applied = new List<MatchDelta>();
            if (!_hasBase || join.State.Tick >= _tick)
            {
                Reset(join.State);
                applied.Add(join.State);
            }

            foreach (var delta in _early.Where(d => d.Tick > _tick))
            {
                ApplyLocked(delta);
                applied.Add(delta);
            }

            _early.Clear();
            return applied;
        }
    }

    /// <summary>Applies a delta; false when it came before any full state and waits for the seat's.</summary>
    internal bool Apply(MatchDelta delta)
    {
        lock (_sync)
        {
            if (!_hasBase && !delta.Full)
            {
                if (_early.Count < MaxEarlyDeltas)
                {
                    _early.Add(delta);
                }

                return false;
            }

            ApplyLocked(delta);
            return true;
        }
    }

    /// <summary>The connection was lost: what comes next builds on the full state of the seat taken back.</summary>
    internal void Suspend()
    {
        lock (_sync)
        {
            _hasBase = false;
        }
    }

    internal void SetScores(Score[] scores)
    {
        lock (_sync)
        {
            _scores = scores;
        }
    }

    private void ApplyLocked(MatchDelta delta)
    {
        if (delta.Full)
        {
            Reset(delta);
            return;
        }

        var entities = _entities.ToBuilder();
        foreach (var (id, value) in delta.Entities)
        {
            if (value is JsonElement { ValueKind: not JsonValueKind.Null } element)
            {
                entities[id] = element;
            }
            else
            {
                entities.Remove(id);
            }
        }

        _entities = entities.ToImmutable();
        (_tick, _lastInputSequence) = (delta.Tick, delta.LastInputSequence);
    }

    private void Reset(MatchDelta full)
    {
        _entities = ImmutableDictionary<string, JsonElement>.Empty;
        _hasBase = true;
        ApplyLocked(full with { Full = false });
    }

    private T Read<T>(Func<T> read)
    {
        lock (_sync)
        {
            return read();
        }
    }
}
