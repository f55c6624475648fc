using Microsoft.Extensions.Options;

namespace RealtimeHub.Server.Authentication;

/// <summary>Fills the environment-dependent defaults and refuses unsafe settings at start.</summary>
public sealed class AuthOptionsSetup(IHostEnvironment environment) : IPostConfigureOptions<AuthOptions>, IValidateOptions<AuthOptions>
{
    public const int MinimumKeyLength = 32;

    // Public on purpose: it only ever applies in Development, where anyone may mint tokens anyway.
    internal const string DevelopmentSigningKey = "realtimehub-development-signing-key-do-not-use-in-production";

    public void PostConfigure(string? name, AuthOptions options)
    {
        if (environment.IsDevelopment() && string.IsNullOrEmpty(options.SigningKey) && string.IsNullOrEmpty(options.Authority))
        {
            options.SigningKey = DevelopmentSigningKey;
        }

        // Dev tokens need a key to sign with; with only an authority configured there is none.
        options.DevTokens ??= environment.IsDevelopment() && !string.IsNullOrEmpty(options.SigningKey);
    }

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.Authority))
        {
            if (string.IsNullOrEmpty(options.SigningKey))
            {
                failures.Add("Auth:SigningKey (or Auth:Authority) must be set outside Development.");
            }
            else if (options.SigningKey.Length < MinimumKeyLength)
            {
                failures.Add($"Auth:SigningKey must be at least {MinimumKeyLength} characters.");
            }
            else if (options.SigningKey == DevelopmentSigningKey && !environment.IsDevelopment())
            {
                failures.Add("Auth:SigningKey is the development key; set a secret of your own outside Development.");
            }
        }

        if (options.DevTokens == true && string.IsNullOrEmpty(options.SigningKey))
        {
            failures.Add("Auth:DevTokens needs Auth:SigningKey to sign with; turn it off when using Auth:Authority alone.");
        }

        if (options.TokenLifetime <= TimeSpan.Zero)
        {
            failures.Add("Auth:TokenLifetime must be positive.");
        }

        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Auth:Issuer and Auth:Audience must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
