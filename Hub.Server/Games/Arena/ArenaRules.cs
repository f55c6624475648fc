using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Server.Games.Arena;

/// <summary>The arena's fixed rules (speed and round length are options: <c>Games:ArenaSpeed</c>, <c>Games:RoundLength</c>).</summary>
public static class ArenaRules
{
    /// <summary>Width and height of the field; positions are clamped to 0…this.</summary>
    public const double FieldSize = GameLimits.ArenaFieldSize;

    /// <summary>Gems on the field at all times: a touched gem moves elsewhere at once.</summary>
    public const int GemCount = 20;

    /// <summary>A player touches a gem when their centres are this close or closer (a player's radius 16 plus a gem's 8).</summary>
    public const double TouchDistance = 24;

    /// <summary>A new player or gem lands at least this far from every player and gem, when such a spot is found.</summary>
    public const double SpawnClearance = 64;

    /// <summary>Random spots tried for a free one before the last one is taken anyway (a crowded field).</summary>
    public const int SpawnTries = 32;

    /// <summary>Spawns keep this far from the field's edges.</summary>
    public const int SpawnMargin = 20;
}
