using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RealtimeHub.Tests.Infrastructure;

/// <summary>Mints tokens for tests, good ones and deliberately bad ones.</summary>
public static class TestAuth
{
    public const string SigningKey = "test-signing-key-for-realtimehub-tests-0123456789";
    public const string Issuer = "realtimehub";
    public const string Audience = "realtimehub";

    public static string CreateToken(
        string userId,
        string? name = null,
        TimeSpan? lifetime = null,
        string issuer = Issuer,
        string audience = Audience,
        string signingKey = SigningKey,
        DateTime? notBefore = null,
        DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore ?? now,
            NotBefore = notBefore ?? now,
            Expires = expires ?? now + (lifetime ?? TimeSpan.FromHours(1)),
            Subject = new ClaimsIdentity([new Claim("sub", userId), new Claim("name", name ?? userId)]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) that claims to be <paramref name="userId"/>.</summary>
    public static string CreateUnsignedToken(string userId)
    {
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var header = Base64Url("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64Url($$"""{"sub":"{{userId}}","name":"{{userId}}","iss":"{{Issuer}}","aud":"{{Audience}}","exp":{{exp}}}""");
        return $"{header}.{payload}.";
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
}
