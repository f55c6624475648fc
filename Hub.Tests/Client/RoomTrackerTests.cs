using RealtimeHub.Client.Internal;
using RealtimeHub.Contracts;

namespace RealtimeHub.Tests.Client;

public sealed class RoomTrackerTests
{
    private const string Room = "lobby";
    private readonly List<ChatMessage> _raised = [];
    private readonly RoomTracker _tracker;

    public RoomTrackerTests() => _tracker = new RoomTracker(_raised.Add);

    [Fact]
    public void MessagesInSequenceAreRaisedAsTheyArrive()
    {
        Joined(lastSequence: 2);

        _tracker.Accept(Message(3));
        _tracker.Accept(Message(4));

        Assert.Equal([3, 4], RaisedSequences());
    }

    [Fact]
    public void AMessageSeenTwiceIsRaisedOnce()
    {
        Joined(lastSequence: 0);

        _tracker.Accept(Message(1));
        _tracker.Accept(Message(1));
        _tracker.Accept(Message(2));
        _tracker.Accept(Message(1));

        Assert.Equal([1, 2], RaisedSequences());
    }

    [Fact]
    public void AMessageAheadOfAGapIsHeldUntilTheGapIsFilled()
    {
        Joined(lastSequence: 0);

        Assert.True(_tracker.Accept(Message(2)));
        Assert.Empty(_raised);
        Assert.Equal(0, _tracker.GapStart(Room));

        Assert.False(_tracker.Accept(Message(1)));

        Assert.Equal([1, 2], RaisedSequences());
        Assert.Null(_tracker.GapStart(Room));
    }

    [Fact]
    public void MessagesArrivingWhileJoiningAreHeldAndThoseCoveredByTheSnapshotDropped()
    {
        Assert.True(_tracker.TryBeginJoin(Room));
        _tracker.Accept(Message(5));
        _tracker.Accept(Message(6));
        Assert.Empty(_raised);

        _tracker.Settle(Room, "e1", lastSequence: 5);

        Assert.Equal([6], RaisedSequences());
    }

    [Fact]
    public void WhileSuspendedNothingIsRaisedAndCatchUpThenLiveComeOutInOrder()
    {
        Joined(lastSequence: 0);
        _tracker.Accept(Message(1));
        _tracker.SuspendAll();

        _tracker.Accept(Message(4)); // live, after rejoining, before catching up
        _tracker.Settle(Room, "e1", lastSequence: 1);
        _tracker.Accept(Message(2)); // caught up from history
        _tracker.Accept(Message(3));
        _tracker.Accept(Message(4)); // history again overlaps the live one

        Assert.Equal([1, 2, 3, 4], RaisedSequences());
    }

    [Fact]
    public void ASnapshotInANewEpochAfterReconnectingRaisesTheNewSequencesAgain()
    {
        Joined(lastSequence: 0);
        _tracker.Accept(Message(1));
        _tracker.Accept(Message(2));
        _tracker.SuspendAll();

        _tracker.Accept(Message(1, id: "new-1", epoch: "e2"));
        Assert.True(_tracker.Settle(Room, "e2", lastSequence: 2)); // the client's position counted in e1: not used
        _tracker.Accept(Message(2, id: "new-2", epoch: "e2"));

        Assert.Equal(["m1", "m2", "new-1", "new-2"], _raised.Select(m => m.Id));
        Assert.Equal(("e2", 2L), _tracker.Position(Room));
    }

    [Fact]
    public void ALiveMessageInANewEpochRestartsTheRoomAndOpensAGapFromZero()
    {
        Joined(lastSequence: 5);

        Assert.True(_tracker.Accept(Message(3, id: "new-3", epoch: "e2"))); // sequence 3 < 5, but of a new history
        Assert.Equal(0, _tracker.GapStart(Room));
        _tracker.Accept(Message(1, id: "new-1", epoch: "e2"));
        _tracker.Accept(Message(2, id: "new-2", epoch: "e2"));

        Assert.Equal(["new-1", "new-2", "new-3"], _raised.Select(m => m.Id));
        Assert.Null(_tracker.GapStart(Room));
    }

    [Fact]
    public void ALateMessageOfAnEpochAlreadyLeftIsDropped()
    {
        Joined(lastSequence: 2);
        _tracker.Accept(Message(1, id: "new-1", epoch: "e2"));

        Assert.False(_tracker.Accept(Message(3))); // e1, published before the history was lost, arriving late
        _tracker.Accept(Message(2, id: "new-2", epoch: "e2"));

        Assert.Equal(["new-1", "new-2"], _raised.Select(m => m.Id));
        Assert.Equal(("e2", 2L), _tracker.Position(Room));
    }

    [Fact]
    public void ALateMessageOfAnOlderEpochNeverSeenIsDroppedInsteadOfTakenForANewOne()
    {
        Assert.True(_tracker.TryBeginJoin(Room));
        _tracker.Settle(Room, "e2", lastSequence: 3); // joined after Redis lost the room's e1 history

        Assert.False(_tracker.Accept(Message(5, id: "late-e1", epoch: "e1"))); // e1's broadcast, delayed past the loss
        _tracker.Accept(Message(4, id: "new-4", epoch: "e2"));

        Assert.Equal(["new-4"], _raised.Select(m => m.Id));
        Assert.Equal(("e2", 4L), _tracker.Position(Room));
    }

    [Fact]
    public void AMessageOfANewerEpochHeldWhileJoiningIsFollowedAndItsGapStartsAtZero()
    {
        Assert.True(_tracker.TryBeginJoin(Room));
        _tracker.Accept(Message(2, id: "new-2", epoch: "e2")); // arrives before the snapshot, which was read in e1

        Assert.False(_tracker.Settle(Room, "e1", lastSequence: 7));

        Assert.Equal(("e2", 0L), _tracker.Position(Room));
        Assert.Equal(0, _tracker.GapStart(Room)); // history fills 1, then 2 is raised
        _tracker.Accept(Message(1, id: "new-1", epoch: "e2"));
        Assert.Equal(["new-1", "new-2"], _raised.Select(m => m.Id));
    }

    [Fact]
    public void ASnapshotInTheSameEpochKeepsThePositionAndDropsWhatWasRaised()
    {
        Joined(lastSequence: 3);
        _tracker.SuspendAll();

        Assert.False(_tracker.Settle(Room, "e1", lastSequence: 3));
        _tracker.Accept(Message(3));
        _tracker.Accept(Message(4));

        Assert.Equal([4], RaisedSequences());
    }

    [Fact]
    public void SkippingAGapRaisesWhatFollowsIt()
    {
        Joined(lastSequence: 0);
        _tracker.Accept(Message(3));
        _tracker.Accept(Message(4));

        _tracker.SkipGap(Room);

        Assert.Equal([3, 4], RaisedSequences());
    }

    [Fact]
    public void MessagesForARoomNotJoinedOrLeftAreIgnored()
    {
        Joined(lastSequence: 0);
        _tracker.Forget(Room);

        _tracker.Accept(Message(1));

        Assert.Empty(_raised);
        Assert.Null(_tracker.Position(Room));
    }

    [Fact]
    public void JoiningARoomAlreadyTrackedKeepsItsPosition()
    {
        Joined(lastSequence: 7);

        Assert.False(_tracker.TryBeginJoin(Room));

        Assert.Equal(("e1", 7L), _tracker.Position(Room));
    }

    private void Joined(long lastSequence)
    {
        _tracker.TryBeginJoin(Room);
        _tracker.Settle(Room, "e1", lastSequence);
    }

    private long[] RaisedSequences() => [.. _raised.Select(m => m.Sequence)];

    private static ChatMessage Message(long sequence, string? id = null, string epoch = "e1") =>
        new(id ?? $"m{sequence}", Room, epoch, sequence, "bob", "bob", $"text {sequence}", DateTime.UtcNow, null);
}
