using Microsoft.Extensions.Options;
using RealtimeHub.Server.Chat;

namespace RealtimeHub.Server.Api;

/// <summary>Refuses to start with a short, unnamed or duplicated API key.</summary>
public sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public const int MinimumKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = new List<string>();
        foreach (var (keyName, key) in options.Keys)
        {
            if (!InputRules.IsValidUserName(keyName))
            {
                failures.Add($"Api:Keys: the name '{keyName}' must be 1–32 of A-Z a-z 0-9 _ . -.");
            }

            if (string.IsNullOrEmpty(key) || key.Length < MinimumKeyLength)
            {
                failures.Add($"Api:Keys:{keyName} must be at least {MinimumKeyLength} characters.");
            }
        }

        if (options.Keys.Values.Distinct(StringComparer.Ordinal).Count() != options.Keys.Count)
        {
            failures.Add("Api:Keys: two names have the same key; give every service its own.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
