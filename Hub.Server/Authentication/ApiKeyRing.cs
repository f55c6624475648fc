using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using RealtimeHub.Server.Api;

namespace RealtimeHub.Server.Authentication;

/// <summary>
/// The configured API keys, kept as SHA-256 hashes. A presented key is hashed and compared with every configured
/// hash in constant time (<see cref="CryptographicOperations.FixedTimeEquals"/>, no early exit), so neither the
/// comparison nor the search leaks how much of a key was right. Follows configuration reloads.
/// </summary>
public sealed class ApiKeyRing : IDisposable
{
    private readonly IDisposable? _subscription;
    private volatile IReadOnlyList<(string Name, byte[] Hash)> _keys;

    public ApiKeyRing(IOptionsMonitor<ApiOptions> options)
    {
        _keys = Hash(options.CurrentValue);
        _subscription = options.OnChange(changed => _keys = Hash(changed));
    }

    public bool IsEmpty => _keys.Count == 0;

    /// <summary>The name of the key <paramref name="presented"/> is, or null when it is none of them.</summary>
    public string? Match(string presented)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        string? match = null;
        foreach (var (name, expected) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                match = name;
            }
        }

        return match;
    }

    public void Dispose() => _subscription?.Dispose();

    private static IReadOnlyList<(string, byte[])> Hash(ApiOptions options) =>
        [.. options.Keys.Where(k => !string.IsNullOrEmpty(k.Value)).Select(k => (k.Key, SHA256.HashData(Encoding.UTF8.GetBytes(k.Value))))];
}
