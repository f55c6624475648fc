using System.Buffers;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Server.Access;

namespace RealtimeHub.Server.Live;

/// <summary>The contract's rules for feed names, keys and rates (§9), for the hub and the API alike.</summary>
public static class LiveInput
{
    private static readonly SearchValues<char> KeyChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-");

    /// <summary>1–64 of <c>[A-Za-z0-9_.:-]</c>.</summary>
    public static bool IsValidKey(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= LiveLimits.MaxKeyLength && !key.AsSpan().ContainsAnyExcept(KeyChars);

    /// <summary>Null when the feed name is valid, else the problem (<c>invalid feed: …</c>).</summary>
    public static string? FeedProblem(string? feed) =>
        AccessKind.Feed.IsValidName(feed) ? null : $"{LiveErrors.InvalidFeed}: use 1–{LiveLimits.MaxFeedNameLength} of A-Z a-z 0-9 _ . -";

    /// <summary>Null when the key is valid, else the problem (<c>invalid key: …</c>).</summary>
    public static string? KeyProblem(string? key) =>
        IsValidKey(key) ? null : $"{LiveErrors.InvalidKey}: keys are 1–{LiveLimits.MaxKeyLength} of A-Z a-z 0-9 _ . : -";

    /// <summary>The keys a watch names, each once in the order given, or null for every key; throws <c>invalid key</c>.</summary>
    public static string[]? WatchKeys(string[]? keys)
    {
        if (keys is null)
        {
            return null;
        }

        if (keys.Length is 0 or > LiveLimits.MaxKeysPerWatch)
        {
            throw LiveHubErrors.InvalidKey($"name 1–{LiveLimits.MaxKeysPerWatch} keys, or null for every key");
        }

        if (keys.Any(key => !IsValidKey(key)))
        {
            throw LiveHubErrors.InvalidKey($"keys are 1–{LiveLimits.MaxKeyLength} of A-Z a-z 0-9 _ . : -");
        }

        return [.. keys.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Deliveries per key per second: <paramref name="maxPerSecond"/>, or the default when null; throws <c>invalid rate</c>.</summary>
    public static double Rate(double? maxPerSecond, double defaultRate)
    {
        var rate = maxPerSecond ?? defaultRate;
        if (!(rate >= LiveLimits.MinMaxPerSecond && rate <= LiveLimits.MaxMaxPerSecond))
        {
            throw LiveHubErrors.InvalidRate($"maxPerSecond must be {LiveLimits.MinMaxPerSecond}–{LiveLimits.MaxMaxPerSecond}, or null for the default");
        }

        return rate;
    }

    /// <summary>Throws <c>invalid feed</c> unless the name follows the room-name rule.</summary>
    public static void CheckFeed(string? feed)
    {
        if (FeedProblem(feed) is not null)
        {
            throw LiveHubErrors.InvalidFeed($"use 1–{ChatLimits.MaxRoomNameLength} of A-Z a-z 0-9 _ . -");
        }
    }
}
