namespace RealtimeHub.Server.Live;

/// <summary>One entry of a publish, already checked: a valid key and its value as compact JSON text (null removes the key).</summary>
public readonly record struct FeedInput(string Key, string? Json);
