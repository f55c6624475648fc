namespace RealtimeHub.Server.Documents.Yjs;

/// <summary>Why bytes are not a Yjs v1 update the hub will store.</summary>
public enum YUpdateError
{
    /// <summary>A valid update.</summary>
    None = 0,

    /// <summary>The bytes end inside a value.</summary>
    Truncated,

    /// <summary>Bytes follow the delete set, where every update ends. (yjs ignores them; no yjs writer makes them.)</summary>
    TrailingBytes,

    /// <summary>A variable-length integer above 2^53 - 1, the largest a JavaScript number holds exactly.</summary>
    IntegerOutOfRange,

    /// <summary>A byte length, or a count of things each at least a byte long, that the bytes left cannot hold.</summary>
    LengthExceedsInput,

    /// <summary>A struct or a deletion that runs past clock 2^53 - 1.</summary>
    ClockOverflow,

    /// <summary>An info byte naming no struct yjs knows (content refs 11-31, or a Skip with flag bits).</summary>
    UnknownStruct,

    /// <summary>A shared type ref other than the seven yjs knows (YArray ... YXmlText).</summary>
    UnknownTypeRef,

    /// <summary>A lib0 <c>Any</c> value with a tag yjs cannot read.</summary>
    UnknownAnyTag,

    /// <summary>A string that is not UTF-8 (yjs decodes with a fatal <c>TextDecoder</c>).</summary>
    InvalidUtf8,

    /// <summary>A JSON value (embed, format attribute, legacy JSON content) that <c>JSON.parse</c> would refuse.</summary>
    InvalidJson,

    /// <summary>An <c>Any</c> or JSON value nested deeper than the reader follows (1,000 levels).</summary>
    NestingTooDeep,
}
