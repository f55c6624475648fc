using System.Text.Json;
using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Server.Games.Arena;

/// <summary>
/// The <c>arena</c> kind: players move in a 1000 × 1000 field at most <c>Games:ArenaSpeed</c> units a second in the
/// direction of their newest input, and score a point for each gem they touch; a touched gem moves to a random free
/// spot. Every <c>Games:RoundLength</c> the round ends: its scores are final, then reset, and play goes on. All
/// randomness comes from the match's seed through a <see cref="GameRandom"/> saved with the state.
/// </summary>
public sealed class ArenaMatch : IGameKind<ArenaMatch>
{
    private readonly ArenaState _state;
    private readonly Dictionary<string, ArenaPlayerState> _players = new(StringComparer.Ordinal);
    private readonly MatchEntities _entities;
    private readonly GameRandom _random;
    private readonly double _stepDistance;
    private readonly long _roundTicks;
    private readonly double _viewRadius;

    private ArenaMatch(MatchSetup setup, ArenaState state)
    {
        _state = state;
        _entities = setup.Entities;
        _random = new GameRandom(state.Random);
        _stepDistance = setup.Options.ArenaSpeed * setup.StepSeconds;
        _roundTicks = setup.Options.TicksIn(setup.Options.RoundLength);
        _viewRadius = setup.Options.ViewRadius;
        foreach (var player in state.Players)
        {
            _players.Add(player.Id, player);
            Show(player);
        }

        foreach (var gem in state.Gems)
        {
            Show(gem);
        }
    }

    public static string Name => GameKinds.Arena;

    public static object ParseInput(MatchInput input) => ArenaInput.Read(input);

    public static ArenaMatch Create(MatchSetup setup, ulong seed)
    {
        var match = new ArenaMatch(setup, new ArenaState { Random = seed });
        for (var n = 0; n < ArenaRules.GemCount; n++)
        {
            var gem = new ArenaGemState { N = n };
            match._state.Gems.Add(gem);
            match.MoveToFreeSpot(gem);
        }

        return match;
    }

    public static ArenaMatch Restore(MatchSetup setup, ReadOnlySpan<byte> state)
    {
        try
        {
            return new ArenaMatch(setup, JsonSerializer.Deserialize(state, ArenaJsonContext.Default.ArenaState)
                ?? throw new InvalidDataException("A saved arena is null."));
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException("Not a saved arena.", exception);
        }
    }

    public void Join(string playerId, string name)
    {
        if (_players.ContainsKey(playerId))
        {
            return;
        }

        var (x, y) = FreeSpot(except: null);
        var player = new ArenaPlayerState { Id = playerId, Name = name, X = x, Y = y };
        _state.Players.Add(player);
        _players.Add(playerId, player);
        Show(player);
    }

    public void Leave(string playerId)
    {
        if (_players.Remove(playerId, out var player))
        {
            _state.Players.Remove(player);
            _entities.Remove(player.EntityId);
        }
    }

    public void ApplyInput(string playerId, object input)
    {
        if (_players.TryGetValue(playerId, out var player) && input is ArenaInput move)
        {
            player.Dx = move.Dx;
            player.Dy = move.Dy;
        }
    }

    public Score[]? Step()
    {
        foreach (var player in _state.Players)
        {
            Move(player);
        }

        CollectGems();
        return EndRoundIfDue();
    }

    public MatchView ViewOf(string playerId) => _players.TryGetValue(playerId, out var player)
        ? new MatchView(player.X, player.Y, _viewRadius)
        : throw new InvalidOperationException($"Player {playerId} is not in this arena.");

    public Score[] Scores() =>
        [.. _state.Players.OrderByDescending(p => p.Score).Select(p => new Score(p.Id, p.Name, p.Score))];

    public byte[] Save()
    {
        _state.Random = _random.State;
        return JsonSerializer.SerializeToUtf8Bytes(_state, ArenaJsonContext.Default.ArenaState);
    }

    /// <summary>
    /// Moves by the held direction: each axis is already within −1…1, and the vector is cut to length 1 so a diagonal
    /// is no faster. So a step is at most speed × dt, however many inputs came since the last one.
    /// </summary>
    private void Move(ArenaPlayerState player)
    {
        double dx = player.Dx, dy = player.Dy;
        var length = Math.Sqrt((dx * dx) + (dy * dy));
        if (length == 0)
        {
            return;
        }

        var scale = _stepDistance / Math.Max(length, 1);
        player.X = Math.Clamp(player.X + (dx * scale), 0, ArenaRules.FieldSize);
        player.Y = Math.Clamp(player.Y + (dy * scale), 0, ArenaRules.FieldSize);
        Show(player);
    }

    /// <summary>Every player against every gem (8 × 20 distance checks a tick); players in seat order, so ties are decided the same way on every run.</summary>
    private void CollectGems()
    {
        const double touchSquared = ArenaRules.TouchDistance * ArenaRules.TouchDistance;
        foreach (var player in _state.Players)
        {
            foreach (var gem in _state.Gems)
            {
                double dx = gem.X - player.X, dy = gem.Y - player.Y;
                if ((dx * dx) + (dy * dy) <= touchSquared)
                {
                    player.Score++;
                    Show(player);
                    MoveToFreeSpot(gem);
                }
            }
        }
    }

    private Score[]? EndRoundIfDue()
    {
        if (++_state.RoundTick < _roundTicks)
        {
            return null;
        }

        var finalScores = Scores();
        _state.RoundTick = 0;
        _state.Round++;
        foreach (var player in _state.Players)
        {
            player.Score = 0;
            Show(player);
        }

        return finalScores;
    }

    private void MoveToFreeSpot(ArenaGemState gem)
    {
        var (x, y) = FreeSpot(except: gem);
        gem.X = x;
        gem.Y = y;
        Show(gem);
    }

    /// <summary>A random spot at least <see cref="ArenaRules.SpawnClearance"/> from every player and gem (but <paramref name="except"/>), or the last one tried.</summary>
    private (int X, int Y) FreeSpot(ArenaGemState? except)
    {
        const int low = ArenaRules.SpawnMargin, high = (int)ArenaRules.FieldSize - ArenaRules.SpawnMargin + 1;
        var spot = (X: 0, Y: 0);
        for (var attempt = 0; attempt < ArenaRules.SpawnTries; attempt++)
        {
            spot = (_random.Next(low, high), _random.Next(low, high));
            if (IsFree(spot.X, spot.Y, except))
            {
                break;
            }
        }

        return spot;
    }

    private bool IsFree(double x, double y, ArenaGemState? except)
    {
        const double clearanceSquared = ArenaRules.SpawnClearance * ArenaRules.SpawnClearance;
        static bool Near(double ax, double ay, double bx, double by) =>
            ((ax - bx) * (ax - bx)) + ((ay - by) * (ay - by)) < clearanceSquared;

        return !_state.Players.Exists(p => Near(p.X, p.Y, x, y))
            && !_state.Gems.Exists(g => g != except && Near(g.X, g.Y, x, y));
    }

    private void Show(ArenaPlayerState player) => _entities.Set(
        player.EntityId,
        player.X,
        player.Y,
        new ArenaPlayerEntity(MathF.Round((float)player.X, 1), MathF.Round((float)player.Y, 1), player.Name, player.Score));

    private void Show(ArenaGemState gem) => _entities.Set(gem.EntityId, gem.X, gem.Y, new ArenaGemEntity(gem.X, gem.Y));
}
