using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeHub.Server.Games.Internal;

/// <summary>camelCase JSON for a saved match (the kind's bytes inside are base64).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(MatchSnapshot))]
internal sealed partial class GamesJsonContext : JsonSerializerContext;
