using System.Text.Json;
using RealtimeHub.Server.Documents.Yjs;

namespace RealtimeHub.Tests.Documents;

/// <summary>A Yjs update made by the real yjs package, with what yjs itself reads from it.</summary>
/// <param name="Structs">Per client the merged clock ranges of its Items and GC structs, from <c>Y.decodeUpdate</c>.</param>
/// <param name="Skips">The ranges of its Skip structs.</param>
/// <param name="Deletes">Its delete set, merged, from <c>Y.decodeUpdate</c>.</param>
/// <param name="StateVector">From <c>Y.encodeStateVectorFromUpdate</c>.</param>
public sealed record YjsUpdateFixture(
    string Name,
    byte[] Bytes,
    IReadOnlyList<(ulong Client, ulong Start, ulong End)> Structs,
    IReadOnlyList<(ulong Client, ulong Start, ulong End)> Skips,
    IReadOnlyList<(ulong Client, ulong Start, ulong End)> Deletes,
    IReadOnlyList<(ulong Client, ulong Clock)> StateVector,
    IReadOnlyList<string> Kinds)
{
    public static YjsUpdateFixture From(JsonElement json) => new(
        json.GetProperty("name").GetString()!,
        json.GetProperty("update").GetBytesFromBase64(),
        Ranges(json.GetProperty("structs")),
        Ranges(json.GetProperty("skips")),
        Ranges(json.GetProperty("deletes")),
        json.GetProperty("stateVector").EnumerateArray().Select(e => (e[0].GetUInt64(), e[1].GetUInt64())).ToList(),
        json.GetProperty("kinds").EnumerateArray().Select(e => e.GetString()!).ToList());

    public static IReadOnlyList<(ulong Client, ulong Start, ulong End)> Ranges(JsonElement json) =>
        json.EnumerateArray().Select(e => (e[0].GetUInt64(), e[1].GetUInt64(), e[2].GetUInt64())).ToList();

    /// <summary>The reader's ranges in the fixture's shape: by client, then by start.</summary>
    public static IReadOnlyList<(ulong Client, ulong Start, ulong End)> Ranges(IdRangeSet set) =>
        set.Clients.SelectMany(client => set[client].Select(range => (client, range.Start, range.End))).ToList();
}
