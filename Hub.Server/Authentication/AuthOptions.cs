namespace RealtimeHub.Server.Authentication;

/// <summary>Bound from the <c>Auth</c> configuration section and validated at start.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// The HS256 secret, at least 32 characters, used as its UTF-8 bytes. Default: a fixed development key in the
    /// Development environment only; elsewhere the server refuses to start without it or <see cref="Authority"/>.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Lifetime of tokens minted by <c>POST /auth/token</c>. Default one hour.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Validated on every token, and written into minted ones. Default <c>realtimehub</c>.</summary>
    public string Issuer { get; set; } = "realtimehub";

    /// <summary>Validated on every token, and written into minted ones. Default <c>realtimehub</c>.</summary>
    public string Audience { get; set; } = "realtimehub";

    /// <summary>An OpenID Connect authority; when set, signing keys come from its metadata. Default empty.</summary>
    public string? Authority { get; set; }

    /// <summary>Enables <c>POST /auth/token</c>. Default: true in Development, false elsewhere.</summary>
    public bool? DevTokens { get; set; }

    /// <summary>Tolerated clock difference when checking expiry and not-before. Default 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Browser origins allowed to call the hub and the token endpoint cross-origin. Default none (same origin only).</summary>
    public string[] AllowedOrigins { get; set; } = [];
}
