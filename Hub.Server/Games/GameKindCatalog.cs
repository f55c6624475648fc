using System.Diagnostics.CodeAnalysis;

namespace RealtimeHub.Server.Games;

/// <summary>The game kinds this node runs, by name (case-sensitive, as <c>FindMatch(kind)</c> takes them).</summary>
public sealed class GameKindCatalog
{
    private readonly Dictionary<string, GameKind> _kinds;

    public GameKindCatalog(IEnumerable<GameKind> kinds)
    {
        _kinds = new Dictionary<string, GameKind>(StringComparer.Ordinal);
        foreach (var kind in kinds)
        {
            if (!_kinds.TryAdd(kind.Name, kind))
            {
                throw new InvalidOperationException($"Two game kinds are named '{kind.Name}'.");
            }
        }
    }

    public IEnumerable<string> Names => _kinds.Keys;

    public bool TryGet(string name, [NotNullWhen(true)] out GameKind? kind) => _kinds.TryGetValue(name, out kind);
}
