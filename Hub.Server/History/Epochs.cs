using System.Security.Cryptography;

namespace RealtimeHub.Server.History;

/// <summary>
/// Room epochs: the creation time in hex ms (12 digits), then 32 random bits. Two histories of a room never share an
/// epoch by chance, and a room's epochs sort by age, which lets clients drop a late message of an older epoch
/// instead of taking it for a newer one. To anyone else an epoch is an opaque string.
/// </summary>
public static class Epochs
{
    /// <summary>An epoch created now by this process's clock (embedded mode; Redis uses its own clock, see <see cref="RedisHistoryScripts"/>).</summary>
    public static string New(TimeProvider time) => $"{time.GetUtcNow().ToUnixTimeMilliseconds():x12}{RandomPart()}";

    /// <summary>The random part, 8 hex digits.</summary>
    public static string RandomPart() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
}
