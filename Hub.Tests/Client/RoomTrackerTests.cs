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

        _tracker.Settle(Room, lastSequence: 5, lastMessageId: "m5");

        Assert.Equal([6], RaisedSequences());
    }

    [Fact]
    public void WhileSuspendedNothingIsRaisedAndCatchUpThenLiveComeOutInOrder()
    {
        Joined(lastSequence: 0);
        _tracker.Accept(Message(1));
        _tracker.SuspendAll();

        _tracker.Accept(Message(4)); // live, after rejoining, before catching up
        _tracker.Settle(Room, lastSequence: 1, lastMessageId: "m1");
        _tracker.Accept(Message(2)); // caught up from history
        _tracker.Accept(Message(3));
        _tracker.Accept(Message(4)); // history again overlaps the live one

        Assert.Equal([1, 2, 3, 4], RaisedSequences());
    }

    [Fact]
    public void SettlingAtZeroAfterTheServerLostHistoryRaisesTheNewSequencesAgain()
    {
        Joined(lastSequence: 0);
        _tracker.Accept(Message(1));
        _tracker.Accept(Message(2));
        _tracker.SuspendAll();

        _tracker.Accept(Message(1, id: "new-1"));
        _tracker.Settle(Room, lastSequence: 0, lastMessageId: null);
        _tracker.Accept(Message(2, id: "new-2"));

        Assert.Equal(["m1", "m2", "new-1", "new-2"], _raised.Select(m => m.Id));
        Assert.Equal((2, "new-2"), _tracker.Position(Room));
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

        Assert.Equal((7, "m7"), _tracker.Position(Room));
    }

    private void Joined(long lastSequence)
    {
        _tracker.TryBeginJoin(Room);
        _tracker.Settle(Room, lastSequence, lastSequence == 0 ? null : $"m{lastSequence}");
    }

    private long[] RaisedSequences() => [.. _raised.Select(m => m.Sequence)];

    private static ChatMessage Message(long sequence, string? id = null) =>
        new(id ?? $"m{sequence}", Room, "e1", sequence, "bob", "bob", $"text {sequence}", DateTime.UtcNow, null);
}
