using System.Text.Json.Serialization;

namespace RealtimeHub.Server.Games.Arena;

/// <summary>One arena player: where it is, where it is heading (its newest input, already clamped), and its score this round.</summary>
internal sealed class ArenaPlayerState
{
    private string? _entityId;

    public required string Id { get; init; }

    public required string Name { get; init; }

    public double X { get; set; }

    public double Y { get; set; }

    public double Dx { get; set; }

    public double Dy { get; set; }

    public int Score { get; set; }

    [JsonIgnore]
    public string EntityId => _entityId ??= "player:" + Id;
}
