using System.Text;
using RealtimeHub.Server.Documents;

namespace RealtimeHub.Tests.Documents;

/// <summary>The server's reading and writing of y-protocols awareness updates.</summary>
public sealed class AwarenessUpdateTests
{
    [Fact]
    public void AnUpdateIsReadAsY_ProtocolsEncodesIt()
    {
        // encodeAwarenessUpdate with clients 1234567 (clock 3, {"a":1}) and 5 (clock 0, removed): varuint count, then
        // per client varuint id, varuint clock and the state as a varstring of JSON.
        byte[] bytes = [2, 0x87, 0xAD, 0x4B, 3, 7, .. "{\"a\":1}"u8, 5, 0, 4, .. "null"u8];

        Assert.True(AwarenessUpdate.TryParse(bytes, out var entries, out var problem), problem);

        Assert.Equal([(1234567UL, 3UL, "{\"a\":1}", false), (5UL, 0UL, "null", true)], entries.Select(e => (e.ClientId, e.Clock, Encoding.UTF8.GetString(e.State), e.IsRemoval)));
        Assert.Equal(bytes, AwarenessUpdate.Encode(entries));
    }

    [Fact]
    public void AnEmptyUpdateHoldsNoEntries()
    {
        Assert.True(AwarenessUpdate.TryParse([0], out var entries, out _));
        Assert.Empty(entries);
    }

    [Theory]
    [InlineData(new byte[] { }, "Truncated")]
    [InlineData(new byte[] { 1, 1, 1 }, "LengthExceedsInput")] // one entry needs three bytes at least, after the count
    [InlineData(new byte[] { 1, 1, 1, 5, (byte)'{', (byte)'}' }, "LengthExceedsInput")] // the state claims five bytes
    [InlineData(new byte[] { 1, 1, 1, 2, (byte)'{', (byte)'x' }, "InvalidJson")]
    [InlineData(new byte[] { 1, 1, 1, 2, 0xC3, 0x28 }, "InvalidUtf8")]
    [InlineData(new byte[] { 1, 1, 1, 2, (byte)'{', (byte)'}', 0 }, "TrailingBytes")]
    [InlineData(new byte[] { 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, (byte)'{', (byte)'}' }, "IntegerOutOfRange")]
    public void BytesThatAreNotAnAwarenessUpdateAreRefusedWithTheReason(byte[] bytes, string reason)
    {
        Assert.False(AwarenessUpdate.TryParse(bytes, out var entries, out var problem));

        Assert.Empty(entries);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ARemovalIsANullStateAtTheNextClock()
    {
        var entry = new AwarenessEntry(42, 7, "{\"name\":\"alice\"}"u8.ToArray());

        var removal = entry.Removal();

        Assert.False(entry.IsRemoval);
        Assert.Equal((42UL, 8UL, "null", true), (removal.ClientId, removal.Clock, Encoding.UTF8.GetString(removal.State), removal.IsRemoval));
        Assert.True(AwarenessUpdate.TryParse(AwarenessUpdate.Encode([removal]), out var read, out _));
        Assert.True(Assert.Single(read).IsRemoval);
    }

    [Fact]
    public void AJsonNullWrittenWithSpacesCountsAsARemoval()
    {
        Assert.True(AwarenessUpdate.TryParse(TestUpdates.Awareness((9, 2, " null ")), out var entries, out _));

        Assert.True(Assert.Single(entries).IsRemoval);
    }
}
