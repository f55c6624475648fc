using System.Runtime.InteropServices;
using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Server.Games.Internal;

/// <summary>
/// What one player was last sent: the stamp of each entity it holds. A delta is then the entities in its view whose
/// stamp is newer than what it holds, plus null for those it holds that are no longer in view (left it, or removed).
/// </summary>
/// <remarks>
/// Cost per delta: the grid cells its view overlaps (the entities near it) plus the entities it holds (those that were
/// near it last time). Neither grows with the size of the world or the number of players elsewhere in it, unlike
/// diffing every change against every player's view (views × changes).
/// </remarks>
internal sealed class PlayerViewState
{
    private readonly Dictionary<string, Held> _held = new(StringComparer.Ordinal);
    private readonly List<EntityEntry> _visible = [];
    private long _pass;

    /// <summary>The next delta holds everything in view, and the client drops what it had. True until the first delta.</summary>
    public bool FullRequested { get; set; } = true;

    public MatchDelta Build(MatchEntities entities, MatchView view, long tick, long lastInputSequence)
    {
        var full = FullRequested;
        FullRequested = false;
        if (full)
        {
            _held.Clear();
        }

        _pass++;
        _visible.Clear();
        entities.Query(view, _visible);
        var changed = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var entry in _visible)
        {
            ref var held = ref CollectionsMarshal.GetValueRefOrAddDefault(_held, entry.Id, out var wasHeld);
            if (!wasHeld || held.Version != entry.Version)
            {
                changed[entry.Id] = entry.Value;
            }

            held = new Held(entry.Version, _pass);
        }

        if (_held.Count > _visible.Count)
        {
            ForgetWhatLeftTheView(changed); // some entity it holds was not seen in this pass
        }

        _visible.Clear();

        return new MatchDelta(tick, full, changed, lastInputSequence);
    }

    private void ForgetWhatLeftTheView(Dictionary<string, object?> changed)
    {
        foreach (var (id, held) in _held)
        {
            if (held.Pass != _pass)
            {
                changed[id] = null;
                _held.Remove(id); // allowed while enumerating a Dictionary since .NET Core 3.0
            }
        }
    }

    private readonly record struct Held(long Version, long Pass);
}
