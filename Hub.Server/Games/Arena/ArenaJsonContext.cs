using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeHub.Server.Games.Arena;

/// <summary>
/// camelCase JSON for a saved arena. Doubles are written in their shortest round-trip form, so a restored match holds
/// exactly the numbers it was saved with.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ArenaState))]
internal sealed partial class ArenaJsonContext : JsonSerializerContext;
