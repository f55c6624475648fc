namespace RealtimeHub.Server.Documents.Yjs.Internal;

/// <summary>
/// The content of an Item, by its ref (the info byte's low five bits; yjs src/structs/Content*.js): reads it and
/// returns its length in clocks, which is what the Item's id range spans.
/// </summary>
internal static class ItemContent
{
    public const int Deleted = 1, Json = 2, Binary = 3, String = 4, Embed = 5, Format = 6, Type = 7, Any = 8, Doc = 9;

    // yjs src/structs/ContentType.js typeRefs: YArray, YMap, YText, YXmlElement, YXmlFragment, YXmlHook, YXmlText.
    private const ulong XmlElementType = 3, XmlHookType = 5, LastTypeRef = 6;

    public static bool IsKnown(int contentRef) => contentRef is >= Deleted and <= Doc;

    public static ulong Read(ref Lib0Reader reader, int contentRef)
    {
        switch (contentRef)
        {
            case Deleted:
                return reader.ReadVarUint();
            case Json:
                return ReadJsonValues(ref reader);
            case Binary:
                reader.ReadVarBytes();
                return 1;
            case String:
                // Its length is JavaScript's: UTF-16 code units, so an emoji spans two clocks.
                return (ulong)reader.ReadVarStringLength();
            case Embed:
                ReadJson(ref reader);
                return 1;
            case Format:
                reader.ReadVarUtf8();
                ReadJson(ref reader);
                return 1;
            case Type:
                ReadTypeRef(ref reader);
                return 1;
            case Any:
                return ReadAnyValues(ref reader);
            case Doc:
                reader.ReadVarUtf8(); // the subdocument's guid, then its options
                AnyValue.Skip(ref reader);
                return 1;
            default:
                // UpdateParser refuses unknown refs (IsKnown) before it reads the Item.
                throw new ArgumentOutOfRangeException(nameof(contentRef), contentRef, "not an Item content ref");
        }
    }

    private static ulong ReadJsonValues(ref Lib0Reader reader)
    {
        var count = reader.ReadCount(minBytesEach: 1);
        for (ulong i = 0; i < count; i++)
        {
            ReadJson(ref reader, allowUndefined: true);
        }

        return count;
    }

    private static void ReadJson(ref Lib0Reader reader, bool allowUndefined = false)
    {
        var offset = reader.Position;
        var json = reader.ReadVarUtf8();
        // Legacy JSON content writes an undefined element as the bare word.
        if (!(allowUndefined && json.SequenceEqual("undefined"u8)))
        {
            JsonText.Validate(json, offset);
        }
    }

    private static void ReadTypeRef(ref Lib0Reader reader)
    {
        var offset = reader.Position;
        var typeRef = reader.ReadVarUint();
        if (typeRef > LastTypeRef)
        {
            throw Lib0Reader.Fail(YUpdateError.UnknownTypeRef, offset);
        }

        if (typeRef is XmlElementType or XmlHookType)
        {
            reader.ReadVarUtf8(); // the node name, or the hook name
        }
    }

    private static ulong ReadAnyValues(ref Lib0Reader reader)
    {
        var count = reader.ReadCount(minBytesEach: 1);
        for (ulong i = 0; i < count; i++)
        {
            AnyValue.Skip(ref reader);
        }

        return count;
    }
}
