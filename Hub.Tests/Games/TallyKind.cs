using System.Text.Json;
using RealtimeHub.Contracts.Games;
using RealtimeHub.Server.Games;

namespace RealtimeHub.Tests.Games;

/// <summary>
/// A second game kind, for tests only, to show a kind is one class: each player holds a button (<c>{ "press": 0…1 }</c>)
/// and its tally grows by the held amount each tick. No space: every player sees every tally (<see cref="MatchView.Everything"/>,
/// entities without a position). A player named <c>boom</c> makes every step throw, to test a failing simulation.
/// </summary>
internal sealed class TallyKind : IGameKind<TallyKind>
{
    private readonly MatchEntities _entities;
    private readonly Dictionary<string, Tally> _tallies;

    private TallyKind(MatchEntities entities, Dictionary<string, Tally> tallies)
    {
        _entities = entities;
        _tallies = tallies;
        foreach (var (playerId, tally) in tallies)
        {
            Show(playerId, tally);
        }
    }

    public static string Name => "tally";

    public static object ParseInput(MatchInput input) => Math.Clamp(input.Number("press"), 0, 1);

    public static TallyKind Create(MatchSetup setup, ulong seed) => new(setup.Entities, new Dictionary<string, Tally>(StringComparer.Ordinal));

    public static TallyKind Restore(MatchSetup setup, ReadOnlySpan<byte> state) =>
        new(setup.Entities, JsonSerializer.Deserialize<Dictionary<string, Tally>>(state)!);

    public void Join(string playerId, string name)
    {
        _tallies[playerId] = new Tally { Name = name };
        Show(playerId, _tallies[playerId]);
    }

    public void Leave(string playerId)
    {
        _tallies.Remove(playerId);
        _entities.Remove("tally:" + playerId);
    }

    public void ApplyInput(string playerId, object input) => _tallies[playerId].Held = (double)input;

    public Score[]? Step()
    {
        if (_tallies.Values.Any(t => t.Name == "boom"))
        {
            throw new InvalidOperationException("A broken simulation.");
        }

        foreach (var (playerId, tally) in _tallies)
        {
            tally.Total += tally.Held;
            Show(playerId, tally);
        }

        return null;
    }

    public MatchView ViewOf(string playerId) => MatchView.Everything;

    public Score[] Scores() => [.. _tallies.Select(t => new Score(t.Key, t.Value.Name, (int)t.Value.Total)).OrderByDescending(s => s.Points)];

    public byte[] Save() => JsonSerializer.SerializeToUtf8Bytes(_tallies);

    private void Show(string playerId, Tally tally) => _entities.Set("tally:" + playerId, new { total = tally.Total });

    internal sealed class Tally
    {
        public required string Name { get; init; }

        public double Held { get; set; }

        public double Total { get; set; }
    }
}
