using System.Text.Json;
using RealtimeHub.Server.Documents.Yjs;

namespace RealtimeHub.Tests.Documents;

/// <summary>Bytes written by hand to be wrong in one way, the refusal expected for them, and whether yjs refuses too.</summary>
/// <param name="Error">The expected reason, or null when any refusal will do (random bytes).</param>
public sealed record YjsRefusalFixture(string Name, byte[] Bytes, YUpdateError? Error, bool YjsRefuses)
{
    public static YjsRefusalFixture From(JsonElement json) => new(
        json.GetProperty("name").GetString()!,
        json.GetProperty("update").GetBytesFromBase64(),
        json.GetProperty("error").ValueKind == JsonValueKind.Null
            ? null
            : Enum.Parse<YUpdateError>(json.GetProperty("error").GetString()!),
        json.GetProperty("yjsRefuses").GetBoolean());
}
