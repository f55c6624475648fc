using RealtimeHub.Server.Documents.Yjs;
using RealtimeHub.Server.Documents.Yjs.Internal;

namespace RealtimeHub.Tests.Documents;

public sealed class IdRangeSetTests
{
    [Fact]
    public void TouchingAndOverlappingRangesOfAClientMergeInAnyOrder()
    {
        var set = Build((1, 10, 12), (1, 0, 5), (1, 5, 7), (1, 6, 8), (2, 3, 4), (1, 20, 20));

        Assert.Equal([new IdRange(0, 8), new IdRange(10, 12)], set[1]);
        Assert.Equal([new IdRange(3, 4)], set[2]);
        Assert.Equal([1UL, 2UL], set.Clients);
    }

    [Fact]
    public void ARangeIsCoveredOnlyByOneRangeHoldingAllOfIt()
    {
        var set = Build((1, 0, 5), (1, 6, 10));

        Assert.True(set.Covers(1, new IdRange(6, 10)));
        Assert.True(set.Covers(1, new IdRange(2, 4)));
        Assert.False(set.Covers(1, new IdRange(4, 7)));
        Assert.False(set.Covers(1, new IdRange(9, 11)));
        Assert.False(set.Covers(2, new IdRange(0, 1)));
        Assert.True(set.Covers(2, new IdRange(7, 7)));
    }

    [Fact]
    public void ASetCoversAnotherWhenItHoldsEveryClockOfIt()
    {
        var set = Build((1, 0, 10), (2, 5, 6));

        Assert.True(set.Covers(Build((1, 0, 3), (1, 4, 10), (2, 5, 6))));
        Assert.False(set.Covers(Build((1, 0, 3), (3, 0, 1))));
        Assert.True(set.Covers(IdRangeSet.Empty));
        Assert.False(IdRangeSet.Empty.Covers(set));
    }

    [Fact]
    public void ContiguousEndStopsAtTheFirstGap()
    {
        var set = Build((1, 0, 5), (1, 6, 10), (2, 1, 4));

        Assert.Equal(5UL, set.ContiguousEnd(1));
        Assert.Equal(0UL, set.ContiguousEnd(2));
        Assert.Equal(0UL, set.ContiguousEnd(3));
    }

    private static IdRangeSet Build(params (ulong Client, ulong Start, ulong End)[] ranges)
    {
        var builder = new IdRangeSetBuilder();
        foreach (var (client, start, end) in ranges)
        {
            builder.Add(client, start, end);
        }

        return builder.Build();
    }
}
