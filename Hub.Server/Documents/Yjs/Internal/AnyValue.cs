namespace RealtimeHub.Server.Documents.Yjs.Internal;

/// <summary>
/// Skips one lib0 <c>Any</c> value (lib0/decoding.js readAny): a tag byte from 127 down to 116, then its payload.
/// Containers recurse, at most <see cref="UpdateParser.MaxNesting"/> deep: a JavaScript client's own recursive
/// readAny overflows its stack at a few thousand levels, so no update a client can read goes deeper.
/// </summary>
internal static class AnyValue
{
    private const byte Undefined = 127, Null = 126, Integer = 125, Float32 = 124, Float64 = 123, BigInt64 = 122;
    private const byte False = 121, True = 120, String = 119, Object = 118, Array = 117, Bytes = 116;

    public static void Skip(ref Lib0Reader reader) => Skip(ref reader, depth: 1);

    private static void Skip(ref Lib0Reader reader, int depth)
    {
        var start = reader.Position;
        switch (reader.ReadByte())
        {
            case Undefined or Null or False or True:
                return;
            case Integer:
                reader.SkipVarInt();
                return;
            case Float32:
                reader.ReadBytes(4);
                return;
            case Float64 or BigInt64:
                reader.ReadBytes(8);
                return;
            case String:
                reader.ReadVarUtf8();
                return;
            case Object:
                SkipEntries(ref reader, depth, start);
                return;
            case Array:
                SkipItems(ref reader, depth, start);
                return;
            case Bytes:
                reader.ReadVarBytes();
                return;
            default:
                throw Lib0Reader.Fail(YUpdateError.UnknownAnyTag, start);
        }
    }

    private static void SkipEntries(ref Lib0Reader reader, int depth, int start)
    {
        var count = reader.ReadCount(minBytesEach: 2); // a key and a value
        CheckDepth(count, depth, start);
        for (ulong i = 0; i < count; i++)
        {
            reader.ReadVarUtf8();
            Skip(ref reader, depth + 1);
        }
    }

    private static void SkipItems(ref Lib0Reader reader, int depth, int start)
    {
        var count = reader.ReadCount(minBytesEach: 1);
        CheckDepth(count, depth, start);
        for (ulong i = 0; i < count; i++)
        {
            Skip(ref reader, depth + 1);
        }
    }

    private static void CheckDepth(ulong count, int depth, int start)
    {
        if (count > 0 && depth >= UpdateParser.MaxNesting)
        {
            throw Lib0Reader.Fail(YUpdateError.NestingTooDeep, start);
        }
    }
}
