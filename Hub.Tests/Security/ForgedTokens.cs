using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Security;

/// <summary>
/// Tokens an attacker could build by hand, byte by byte, without the token library's own checks (which refuse, for
/// instance, to sign with a key shorter than 256 bits). Claims default to a valid one-hour token for the test issuer.
/// </summary>
public static class ForgedTokens
{
    /// <summary>The development key is in the source code; outside Development a token signed with it is a forgery.</summary>
    public const string PublicDevelopmentKey = "realtimehub-development-signing-key-do-not-use-in-production";

    /// <summary>A token with this header, these claims, and an HMAC over them with <paramref name="key"/>.</summary>
    public static string Sign(JsonObject header, JsonObject payload, string key, Func<byte[], byte[], byte[]>? mac = null)
    {
        var signingInput = $"{Encode(header)}.{Encode(payload)}";
        var signature = (mac ?? HMACSHA256.HashData)(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(signingInput));
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }

    public static JsonObject Header(string alg = "HS256") => new() { ["alg"] = alg, ["typ"] = "JWT" };

    /// <summary>Valid claims for <paramref name="userId"/>; <paramref name="change"/> removes or alters some.</summary>
    public static JsonObject Claims(string userId, Action<JsonObject>? change = null)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new JsonObject
        {
            ["sub"] = userId,
            ["name"] = userId,
            ["iss"] = TestAuth.Issuer,
            ["aud"] = TestAuth.Audience,
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
        change?.Invoke(claims);
        return claims;
    }

    /// <summary>Signed with the server's real key: only the claims or the header make it bad.</summary>
    public static string WithServerKey(JsonObject header, JsonObject claims) => Sign(header, claims, TestAuth.SigningKey);

    /// <summary>
    /// Signed with a key of the attacker's that the header itself carries (<c>jwk</c>): a server that trusted keys
    /// from the token would accept anything.
    /// </summary>
    public static string WithEmbeddedKey(string userId)
    {
        const string attackerKey = "attacker-chosen-key-that-is-long-enough-for-hs256";
        var header = Header();
        header["jwk"] = new JsonObject { ["kty"] = "oct", ["k"] = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(attackerKey)) };
        return Sign(header, Claims(userId), attackerKey);
    }

    private static string Encode(JsonObject json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json.ToJsonString()));
}
