using System.Text.Json;
using System.Text.Json.Serialization;
using RealtimeHub.Contracts;

namespace RealtimeHub.Server.History;

/// <summary>camelCase JSON, as on the wire, for what <see cref="RedisMessageStore"/> keeps in Redis.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RedisStoredMessage))]
[JsonSerializable(typeof(PrivateMessage))]
internal sealed partial class RedisHistoryJsonContext : JsonSerializerContext;
