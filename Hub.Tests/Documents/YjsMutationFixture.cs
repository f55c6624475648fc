using System.Text.Json;

namespace RealtimeHub.Tests.Documents;

/// <summary>A real update with one random change, and what yjs's <c>Y.decodeUpdate</c> made of it.</summary>
/// <param name="Structs">When yjs reads it: the ranges of its Items and GC structs; null when yjs throws.</param>
public sealed record YjsMutationFixture(
    string Source,
    byte[] Bytes,
    IReadOnlyList<(ulong Client, ulong Start, ulong End)>? Structs,
    IReadOnlyList<(ulong Client, ulong Start, ulong End)>? Deletes)
{
    public bool YjsRefuses => Structs is null;

    public static YjsMutationFixture From(JsonElement json)
    {
        var summary = json.GetProperty("summary");
        var read = summary.ValueKind != JsonValueKind.Null;
        return new(
            json.GetProperty("source").GetString()!,
            json.GetProperty("update").GetBytesFromBase64(),
            read ? YjsUpdateFixture.Ranges(summary.GetProperty("structs")) : null,
            read ? YjsUpdateFixture.Ranges(summary.GetProperty("deletes")) : null);
    }
}
