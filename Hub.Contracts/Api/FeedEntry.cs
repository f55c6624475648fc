using System.Text.Json;

namespace RealtimeHub.Contracts.Api;

/// <summary>One entry of a publish: a key (1–64 of <c>[A-Za-z0-9_.:-]</c>) and its new value (any JSON value up to 4 KiB; <c>null</c> removes the key).</summary>
public sealed record FeedEntry(string Key, JsonElement Value);
