using System.Security.Claims;
using System.Text.Json;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Server.Chat;

namespace RealtimeHub.Server.Authentication;

/// <summary>Reads the <c>rooms</c> and <c>scope</c> claims in the shapes identity providers write them.</summary>
public static class TokenClaims
{
    /// <summary>At most this many rooms are kept from one token; a connection holds them for its lifetime.</summary>
    public const int MaxRooms = 256;

    /// <summary>
    /// The valid room names of the <c>rooms</c> claim: one claim per room (which is also how a JSON array arrives
    /// once parsed), or a single claim holding a JSON array as text. Invalid names are ignored.
    /// </summary>
    public static IReadOnlyList<string> Rooms(ClaimsPrincipal token)
    {
        var rooms = new List<string>();
        foreach (var claim in token.FindAll(HubClaimTypes.Rooms))
        {
            if (claim.Value.StartsWith('['))
            {
                rooms.AddRange(ParseArray(claim.Value));
            }
            else
            {
                rooms.Add(claim.Value);
            }
        }

        return [.. rooms.Where(InputRules.IsValidRoom).Distinct(StringComparer.Ordinal).Take(MaxRooms)];
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
