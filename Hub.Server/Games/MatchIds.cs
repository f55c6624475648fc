using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace RealtimeHub.Server.Games;

/// <summary>
/// Match ids: opaque to clients (1–64 of <c>[A-Za-z0-9_.:-]</c>), made here as <c>&lt;kind&gt;.&lt;16 random
/// characters&gt;</c>, so any node can tell from an id alone which kind's directory seats it.
/// </summary>
public static partial class MatchIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string New(string kind) => $"{kind}.{RandomNumberGenerator.GetString(Alphabet, 16)}";

    /// <summary>Whether the text has the contract's form of a match id (whether or not a match has it).</summary>
    public static bool IsWellFormed([NotNullWhen(true)] string? matchId) => matchId is not null && Pattern().IsMatch(matchId);

    /// <summary>The kind an id made by <see cref="New"/> names; false for any other text.</summary>
    public static bool TryGetKind([NotNullWhen(true)] string? matchId, [NotNullWhen(true)] out string? kind)
    {
        kind = null;
        if (!IsWellFormed(matchId))
        {
            return false;
        }

        var dot = matchId.IndexOf('.', StringComparison.Ordinal);
        kind = dot > 0 ? matchId[..dot] : null;
        return kind is not null;
    }

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,64}$")]
    private static partial Regex Pattern();
}
