using System.Diagnostics.CodeAnalysis;
using RealtimeHub.Server.Documents.Yjs.Internal;

namespace RealtimeHub.Server.Documents.Yjs;

/// <summary>
/// Reads Yjs v1 updates (yjs 13, lib0 encoding) as far as the hub needs: whether bytes are one whole update that
/// yjs can read, and which clocks its structs and its delete set hold. It never builds the document. Work is linear
/// in the bytes, nothing is allocated for a length the update claims, and a bad update is a verdict, not an exception.
/// </summary>
public static class YUpdateReader
{
    /// <summary>Checks that <paramref name="update"/> is exactly one valid update, allocating nothing to do so.</summary>
    public static YUpdateValidation Validate(ReadOnlySpan<byte> update) => UpdateParser.Parse(update, null, null);

    /// <summary>Reads what <paramref name="update"/> holds; false, with the reason, when it is not a valid update.</summary>
    public static bool TryRead(
        ReadOnlySpan<byte> update,
        [NotNullWhen(true)] out YUpdateSummary? summary,
        out YUpdateValidation validation)
    {
        var structs = new IdRangeSetBuilder();
        var deletes = new IdRangeSetBuilder();
        validation = UpdateParser.Parse(update, structs, deletes);
        summary = validation.IsValid ? new YUpdateSummary(structs.Build(), deletes.Build()) : null;
        return validation.IsValid;
    }
}
