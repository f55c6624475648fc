using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RealtimeHub.Cli.Bench;

/// <summary>
/// Mints the same HS256 tokens as the server's <c>POST /auth/token</c> (and the Socket.IO generator): <c>sub</c> and
/// <c>name</c> = the user, <c>iss</c> = <c>aud</c> = realtimehub. Minted locally so 10,000 sign-ins cost no requests.
/// </summary>
internal sealed class TokenMinter(string signingKey, TimeSpan? lifetime = null)
{
    private const string Issuer = "realtimehub";
    private static readonly string Header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
    private readonly byte[] _key = Encoding.UTF8.GetBytes(signingKey);
    private readonly TimeSpan _lifetime = lifetime ?? TimeSpan.FromHours(1);

    public string Mint(string userId)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = userId,
            ["name"] = userId,
            ["iss"] = Issuer,
            ["aud"] = Issuer,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + (long)_lifetime.TotalSeconds,
        });
        var body = $"{Header}.{Base64Url.EncodeToString(claims)}";
        var signature = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(body));
        return $"{body}.{Base64Url.EncodeToString(signature)}";
    }
}
