using System.Text.Json;

namespace RealtimeHub.Server.Documents.Yjs.Internal;

/// <summary>
/// Checks that a string holds what <c>JSON.parse</c> reads, which is how yjs reads embeds, format attributes and
/// legacy JSON content. <see cref="Utf8JsonReader"/> follows the same grammar (no comments, no trailing commas, one
/// value) and, like <c>JSON.parse</c>, accepts escaped lone surrogates; it does not recurse.
/// </summary>
internal static class JsonText
{
    private static readonly JsonReaderOptions Options = new()
    {
        MaxDepth = UpdateParser.MaxNesting,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    public static void Validate(ReadOnlySpan<byte> json, int offset)
    {
        var reader = new Utf8JsonReader(json, Options);
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException)
        {
            var error = reader.CurrentDepth >= UpdateParser.MaxNesting - 1
                ? YUpdateError.NestingTooDeep
                : YUpdateError.InvalidJson;
            throw Lib0Reader.Fail(error, offset);
        }
    }
}
