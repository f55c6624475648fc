using System.Text.Json.Serialization;

namespace RealtimeHub.Server.Games.Arena;

/// <summary>One gem, at whole units.</summary>
internal sealed class ArenaGemState
{
    private string? _entityId;

    public required int N { get; init; }

    public int X { get; set; }

    public int Y { get; set; }

    [JsonIgnore]
    public string EntityId => _entityId ??= "gem:" + N.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
