using System.Security.Claims;
using System.Text.Json;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Server.Access;

namespace RealtimeHub.Server.Authentication;

/// <summary>Reads the <c>rooms</c>, <c>feeds</c> and <c>scope</c> claims in the shapes identity providers write them.</summary>
public static class TokenClaims
{
    /// <summary>At most this many names of each kind are kept from one token; a connection holds them for its lifetime.</summary>
    public const int MaxNamesPerKind = 256;

    /// <summary>
    /// The valid names of the kind's claim (<c>rooms</c>, <c>feeds</c>): one claim per name (which is also how a JSON
    /// array arrives once parsed), or a single claim holding a JSON array as text. Invalid names are ignored.
    /// </summary>
    public static IReadOnlyList<string> Names(ClaimsPrincipal token, AccessKind kind)
    {
        var names = new List<string>();
        foreach (var claim in token.FindAll(kind.Claim))
        {
            if (claim.Value.StartsWith('['))
            {
                names.AddRange(ParseArray(claim.Value));
            }
            else
            {
                names.Add(claim.Value);
            }
        }

        return [.. names.Where(kind.IsValidName).Distinct(StringComparer.Ordinal).Take(MaxNamesPerKind)];
    }

    /// <summary>True when a <c>scope</c> or <c>scp</c> claim, space-separated or one per scope, includes <c>realtimehub.api</c>.</summary>
    public static bool HasApiScope(ClaimsPrincipal token) =>
        token.Claims.Any(c => c.Type is HubClaimTypes.Scope or HubClaimTypes.ScopeShort
            && c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(ApiLimits.Scope, StringComparer.Ordinal));

    private static IEnumerable<string> ParseArray(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return [.. document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
