namespace RealtimeHub.Server.Documents.Yjs.Internal;

/// <summary>
/// Walks a Yjs v1 update (yjs src/utils/encoding.js, UpdateDecoderV1, DeleteSet.js): per client a run of structs
/// from a first clock, then the delete set, then nothing. Collects clock ranges into the builders when given.
/// </summary>
internal static class UpdateParser
{
    /// <summary>How deep Any and JSON values may nest (see <see cref="AnyValue"/>).</summary>
    public const int MaxNesting = 1000;

    private const int Gc = 0, ContentRefBits = 0x1F;
    private const byte SkipInfo = 10, HasOrigin = 0x80, HasRightOrigin = 0x40, HasParentSub = 0x20;

    public static YUpdateValidation Parse(ReadOnlySpan<byte> update, IdRangeSetBuilder? structs, IdRangeSetBuilder? deletes)
    {
        var reader = new Lib0Reader(update);
        try
        {
            ReadClients(ref reader, structs);
            ReadDeleteSet(ref reader, deletes);
        }
        catch (YUpdateFormatException refused)
        {
            return new YUpdateValidation(refused.Error, refused.Offset);
        }

        return reader.Remaining == 0 ? YUpdateValidation.Valid : new YUpdateValidation(YUpdateError.TrailingBytes, reader.Position);
    }

    private static void ReadClients(ref Lib0Reader reader, IdRangeSetBuilder? structs)
    {
        var sections = reader.ReadCount(minBytesEach: 3); // a struct count, the client, the first clock
        for (ulong i = 0; i < sections; i++)
        {
            var count = reader.ReadCount(minBytesEach: 2); // an info byte and at least one more
            var client = reader.ReadVarUint();
            var clock = reader.ReadVarUint();
            var contentStart = clock;
            for (ulong s = 0; s < count; s++)
            {
                var offset = reader.Position;
                var length = ReadStruct(ref reader, out var isSkip);
                var end = Advance(clock, length, offset);
                if (isSkip)
                {
                    // A Skip stands for clocks the update does not hold.
                    structs?.Add(client, contentStart, clock);
                    contentStart = end;
                }

                clock = end;
            }

            structs?.Add(client, contentStart, clock);
        }
    }

    private static ulong ReadStruct(ref Lib0Reader reader, out bool isSkip)
    {
        var offset = reader.Position;
        var info = reader.ReadByte();
        isSkip = info == SkipInfo;
        var contentRef = info & ContentRefBits;
        if (isSkip || contentRef == Gc)
        {
            return reader.ReadVarUint(); // just a length
        }

        if (!ItemContent.IsKnown(contentRef))
        {
            throw Lib0Reader.Fail(YUpdateError.UnknownStruct, offset);
        }

        ReadItemPosition(ref reader, info);
        return ItemContent.Read(ref reader, contentRef);
    }

    /// <summary>An Item's origins, or, with neither, its parent (a root type's name or an item's id) and map key.</summary>
    private static void ReadItemPosition(ref Lib0Reader reader, byte info)
    {
        if ((info & HasOrigin) != 0)
        {
            SkipId(ref reader);
        }

        if ((info & HasRightOrigin) != 0)
        {
            SkipId(ref reader);
        }

        if ((info & (HasOrigin | HasRightOrigin)) != 0)
        {
            return;
        }

        if (reader.ReadVarUint() == 1)
        {
            reader.ReadVarUtf8();
        }
        else
        {
            SkipId(ref reader);
        }

        if ((info & HasParentSub) != 0)
        {
            reader.ReadVarUtf8();
        }
    }

    private static void SkipId(ref Lib0Reader reader)
    {
        reader.ReadVarUint();
        reader.ReadVarUint();
    }

    private static void ReadDeleteSet(ref Lib0Reader reader, IdRangeSetBuilder? deletes)
    {
        var clients = reader.ReadCount(minBytesEach: 2); // a client and a count
        for (ulong i = 0; i < clients; i++)
        {
            var client = reader.ReadVarUint();
            var count = reader.ReadCount(minBytesEach: 2); // a clock and a length
            for (ulong d = 0; d < count; d++)
            {
                var offset = reader.Position;
                var clock = reader.ReadVarUint();
                var end = Advance(clock, reader.ReadVarUint(), offset);
                deletes?.Add(client, clock, end);
            }
        }
    }

    /// <summary>Both are at most 2^53 - 1, so the sum cannot wrap; past 2^53 - 1 JavaScript would lose clocks.</summary>
    private static ulong Advance(ulong clock, ulong length, int offset)
    {
        var end = clock + length;
        return end <= Lib0Reader.MaxSafeInteger ? end : throw Lib0Reader.Fail(YUpdateError.ClockOverflow, offset);
    }
}
