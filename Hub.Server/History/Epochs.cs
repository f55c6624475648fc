using System.Security.Cryptography;

namespace RealtimeHub.Server.History;

/// <summary>New room epochs: 64 random bits, so two histories of one room never share one by chance.</summary>
public static class Epochs
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
