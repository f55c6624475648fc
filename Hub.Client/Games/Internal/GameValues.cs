using System.Text.Json;
using RealtimeHub.Client.Internal;
using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Client.Games.Internal;

/// <summary>
/// Gives a delta's entity values as <see cref="JsonElement"/>s whichever protocol carried them: the JSON protocol
/// already yields them; MessagePack yields maps, which are written out together and parsed once per delta.
/// </summary>
internal static class GameValues
{
    public static MatchDelta ToJson(MatchDelta delta)
    {
        if (delta.Entities.Values.All(v => v is null or JsonElement))
        {
            return delta;
        }

        var all = NotificationData.ToJson(delta.Entities);
        var entities = new Dictionary<string, object?>(delta.Entities.Count);
        foreach (var entity in all.EnumerateObject())
        {
            entities[entity.Name] = entity.Value.ValueKind == JsonValueKind.Null ? null : entity.Value;
        }

        return delta with { Entities = entities };
    }

    public static MatchJoin ToJson(MatchJoin join) => join with { State = ToJson(join.State) };
}
