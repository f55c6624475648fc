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

    /// <summary>The server API key every test node accepts, as <c>Api:Keys:tests</c>.</summary>
    public const string ApiKey = "test-api-key-for-realtimehub-tests-0123456789";

    public static string CreateToken(
        string userId,
        string? name = null,
        TimeSpan? lifetime = null,
        string issuer = Issuer,
        string audience = Audience,
        string signingKey = SigningKey,
        DateTime? notBefore = null,
        DateTime? expires = null,
        IDictionary<string, object>? claims = null)
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
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A user's token whose <c>rooms</c> claim is a JSON array naming <paramref name="rooms"/>.</summary>
    public static string CreateTokenWithRooms(string userId, params string[] rooms) =>
        CreateToken(userId, claims: new Dictionary<string, object> { ["rooms"] = rooms });

    /// <summary>A token with the given <c>scope</c> claim (a space-separated string, or an array).</summary>
    public static string CreateTokenWithScope(string userId, object scope) =>
        CreateToken(userId, claims: new Dictionary<string, object> { ["scope"] = scope });

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
