using System.Text.Json;

namespace RealtimeHub.Tests.Documents;

/// <summary>A snapshot and an update, and yjs's answer: applying the update to the snapshot's doc changes nothing.</summary>
public sealed record YjsContainmentFixture(string Snapshot, string Update, bool Contains, string Why)
{
    public static YjsContainmentFixture From(JsonElement json) => new(
        json.GetProperty("snapshot").GetString()!,
        json.GetProperty("update").GetString()!,
        json.GetProperty("contains").GetBoolean(),
        json.GetProperty("why").GetString()!);
}
