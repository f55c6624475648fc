using System.Text.Json;
using RealtimeHub.Contracts.Live;

namespace RealtimeHub.Tests.Client;

/// <summary>Batches for the live client's unit tests, written as (key, version); a key's value is its version × 10.</summary>
internal static class FeedBatches
{
    public const string Feed = "quotes";

    public static FeedBatch Snapshot(params (string Key, long Version)[] updates) => new(Feed, true, [.. updates.Select(Update)]);

    public static FeedBatch Changes(params (string Key, long Version)[] updates) => new(Feed, false, [.. updates.Select(Update)]);

    public static FeedBatch Removal(string key, long version) =>
        new(Feed, false, [new FeedUpdate(key, JsonSerializer.SerializeToElement<object?>(null), version, DateTime.UtcNow)]);

    /// <summary>"S A1 B1" for a snapshot holding A at version 1 and B at version 1; "A2 -B3" for a change and a removal.</summary>
    public static string Describe(FeedBatch batch) =>
        string.Join(' ', batch.Updates.Select(Describe).Prepend(batch.Snapshot ? "S" : null).OfType<string>());

    private static string Describe(FeedUpdate update) =>
        update.Value is JsonElement { ValueKind: JsonValueKind.Null } ? $"-{update.Key}{update.Version}" : $"{update.Key}{update.Version}";

    private static FeedUpdate Update((string Key, long Version) update) =>
        new(update.Key, JsonSerializer.SerializeToElement(update.Version * 10), update.Version, DateTime.UtcNow);
}
