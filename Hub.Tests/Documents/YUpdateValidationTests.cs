using RealtimeHub.Server.Documents.Yjs;

namespace RealtimeHub.Tests.Documents;

/// <summary>Bytes that are not an update: refused with a reason, never thrown at the caller.</summary>
public sealed class YUpdateValidationTests
{
    // Where the reader is stricter than yjs on purpose: no yjs writer makes these, and yjs would read them into
    // nonsense (clocks past 2^53, ignored trailing bytes) rather than refuse them.
    private static readonly YUpdateError[] StricterThanYjs =
    [
        YUpdateError.TrailingBytes, YUpdateError.IntegerOutOfRange, YUpdateError.ClockOverflow, YUpdateError.NestingTooDeep,
    ];

    public static TheoryData<string> RefusalNames => YjsFixtures.RefusalNames;

    [Theory]
    [MemberData(nameof(RefusalNames))]
    public void EachHandMadeBadUpdateIsRefusedForItsReason(string name)
    {
        var fixture = YjsFixtures.Refusals.Single(r => r.Name == name);

        var validation = YUpdateReader.Validate(fixture.Bytes);

        Assert.False(validation.IsValid);
        if (fixture.Error is { } expected)
        {
            Assert.Equal(expected, validation.Error);
        }

        Assert.True(fixture.YjsRefuses || StricterThanYjs.Contains(validation.Error), $"yjs reads it: {validation}");
        Assert.False(YUpdateReader.TryRead(fixture.Bytes, out var summary, out var read));
        Assert.Null(summary);
        Assert.Equal(validation, read);
    }

    [Fact]
    public void EveryStrictPrefixOfAnUpdateIsRefused()
    {
        foreach (var update in YjsFixtures.Updates)
        {
            var step = Math.Max(1, update.Bytes.Length / 300); // every prefix of small updates, 300 of large ones
            for (var length = 0; length < update.Bytes.Length; length += step)
            {
                var validation = YUpdateReader.Validate(update.Bytes.AsSpan(0, length));
                Assert.True(
                    validation.Error is YUpdateError.Truncated or YUpdateError.LengthExceedsInput,
                    $"{update.Name} cut to {length} bytes: {validation}");
            }
        }
    }

    [Fact]
    public void BytesAfterTheDeleteSetAreRefused()
    {
        foreach (var update in YjsFixtures.Updates)
        {
            var validation = YUpdateReader.Validate([.. update.Bytes, 0]);

            Assert.Equal(new YUpdateValidation(YUpdateError.TrailingBytes, update.Bytes.Length), validation);
        }
    }

    [Fact]
    public void WhatYjsCannotReadIsRefusedAndWhatIsAcceptedReadsAsYjsReadsIt()
    {
        var disagreements = new List<string>();
        foreach (var mutation in YjsFixtures.Mutations)
        {
            var accepted = YUpdateReader.TryRead(mutation.Bytes, out var summary, out var validation);
            var why = $"{mutation.Source} mutated to {Convert.ToBase64String(mutation.Bytes)}";
            if (accepted && mutation.YjsRefuses)
            {
                disagreements.Add($"{why}: yjs refuses it, the reader accepts it");
            }
            else if (accepted && (!mutation.Structs!.SequenceEqual(YjsUpdateFixture.Ranges(summary!.Structs))
                || !mutation.Deletes!.SequenceEqual(YjsUpdateFixture.Ranges(summary.Deletes))))
            {
                disagreements.Add($"{why}: read as {summary.Structs} deleting {summary.Deletes}");
            }
            else if (!accepted && !mutation.YjsRefuses && !StricterThanYjs.Contains(validation.Error))
            {
                disagreements.Add($"{why}: yjs reads it, the reader refuses it ({validation})");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
        Assert.Contains(YjsFixtures.Mutations, m => m.YjsRefuses);
        Assert.Contains(YjsFixtures.Mutations, m => !m.YjsRefuses);
    }
}
