using RealtimeHub.Server.Documents.Yjs;

namespace RealtimeHub.Tests.Documents;

/// <summary>The reader against yjs's own answers, for every update in the fixtures (see <see cref="YjsFixtures"/>).</summary>
public sealed class YUpdateReaderTests
{
    public static TheoryData<string> UpdateNames => YjsFixtures.UpdateNames;

    public static TheoryData<string, string> ContainmentPairs => YjsFixtures.ContainmentPairs;

    [Theory]
    [MemberData(nameof(UpdateNames))]
    public void EveryUpdateYjsMadeIsValid(string name)
    {
        Assert.Equal(YUpdateValidation.Valid, YUpdateReader.Validate(YjsFixtures.Update(name).Bytes));
    }

    [Theory]
    [MemberData(nameof(UpdateNames))]
    public void StructsSpanTheClocksYjsDecodes(string name)
    {
        var fixture = YjsFixtures.Update(name);

        var summary = Read(fixture.Bytes);

        Assert.Equal(fixture.Structs, YjsUpdateFixture.Ranges(summary.Structs));
    }

    [Theory]
    [MemberData(nameof(UpdateNames))]
    public void DeleteSetIsTheOneYjsDecodes(string name)
    {
        var fixture = YjsFixtures.Update(name);

        var summary = Read(fixture.Bytes);

        Assert.Equal(fixture.Deletes, YjsUpdateFixture.Ranges(summary.Deletes));
    }

    [Theory]
    [MemberData(nameof(UpdateNames))]
    public void StateVectorIsTheOneYjsEncodesFromTheUpdate(string name)
    {
        var fixture = YjsFixtures.Update(name);

        var summary = Read(fixture.Bytes);

        Assert.Equal(fixture.StateVector, summary.StateVector.OrderBy(e => e.Key).Select(e => (e.Key, e.Value)));
    }

    [Theory]
    [MemberData(nameof(ContainmentPairs))]
    public void SnapshotContainsAnUpdateExactlyWhenYjsFindsNothingNewInIt(string snapshot, string update)
    {
        var expected = YjsFixtures.Containment.Single(c => c.Snapshot == snapshot && c.Update == update);

        var contains = Read(YjsFixtures.Update(snapshot).Bytes).Contains(Read(YjsFixtures.Update(update).Bytes));

        Assert.True(expected.Contains == contains, $"{expected.Why}: yjs says {expected.Contains}, the reader {contains}");
    }

    [Fact]
    public void TheEmptyDocumentIsTwoZeroBytesThatHoldNothing()
    {
        var empty = Read([0, 0]);

        Assert.True(empty.IsEmpty);
        Assert.Empty(empty.StateVector);
        Assert.True(Read(YjsFixtures.Update("text-one-client").Bytes).Contains(empty));
        Assert.False(empty.Contains(Read(YjsFixtures.Update("text-one-client").Bytes)));
    }

    [Fact]
    public void AStringSpansItsLengthInUtf16CodeUnits()
    {
        const string typed = "a😀b𝄞c 漢字 é 🎉🎉"; // as make-fixtures.mjs types it; C# counts UTF-16 units as JavaScript does

        var summary = Read(YjsFixtures.Update("non-bmp-insert").Bytes);

        Assert.Equal([new IdRange(0, (ulong)typed.Length)], summary.Structs[4294967295]);
        Assert.Equal(17, typed.Length);
    }

    [Fact]
    public void ASkipInAPendingSnapshotHoldsNoClocks()
    {
        var fixture = YjsFixtures.Update("pending-snapshot");

        var summary = Read(fixture.Bytes);

        Assert.Equal([(1001UL, 3UL, 6UL)], fixture.Skips);
        Assert.Equal([new IdRange(0, 3), new IdRange(6, 9)], summary.Structs[1001]);
        Assert.Equal(3UL, summary.StateVector[1001]);
    }

    [Fact]
    public void ASnapshotCountsDeletedContentWhetherKeptOrCollected()
    {
        var snapshot = YjsFixtures.Update("gc-snapshot");
        var collected = Read(YjsFixtures.Update("gc-nested-insert").Bytes);

        var summary = Read(snapshot.Bytes);

        Assert.Contains("GC", snapshot.Kinds);
        Assert.Contains("ContentDeleted", snapshot.Kinds);
        Assert.True(summary.Structs.Covers(collected.Structs));
        Assert.True(summary.Deletes.Covers(collected.Structs));
    }

    private static YUpdateSummary Read(byte[] update)
    {
        Assert.True(YUpdateReader.TryRead(update, out var summary, out var validation), validation.ToString());
        return summary;
    }
}
