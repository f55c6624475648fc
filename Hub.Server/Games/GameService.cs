using Microsoft.Extensions.Options;
using RealtimeHub.Contracts.Games;
using RealtimeHub.Server.Chat;
using RealtimeHub.Server.Games.Internal;

namespace RealtimeHub.Server.Games;

/// <summary>
/// What <see cref="GameHub"/> does for a caller, on any node: seats in the directory, the seat taken in the match
/// wherever it runs (here, or through its node), inputs to it, leaving it, and a closed connection's seats kept for
/// their reconnect grace. The player's id and name come from the token only.
/// </summary>
public sealed class GameService(
    GameKindCatalog kinds,
    IMatchDirectory directory,
    IMatchBus bus,
    MatchHost host,
    MatchRelay relay,
    IOptions<MatchHostingOptions> hosting,
    TimeProvider time,
    ILogger<GameService> logger)
{
    /// <summary>How long one join request waits for the match's node before it is sent again.</summary>
    private static readonly TimeSpan JoinAttempt = TimeSpan.FromSeconds(2);

    /// <summary>How soon a join asks again when no node runs the match (it is being taken over).</summary>
    private static readonly TimeSpan NoHostRetry = TimeSpan.FromMilliseconds(100);

    public async Task<MatchJoin> FindMatchAsync(ChatCaller caller, string? kind, CancellationToken cancellationToken)
    {
        if (kind is null || !kinds.TryGet(kind, out var gameKind))
        {
            throw GameHubErrors.InvalidKind(kinds.Names);
        }

        var claim = await directory.FindSeatAsync(kind, caller.User.UserId, caller.User.Name, MatchIds.New(kind), cancellationToken);
        if (claim.Outcome == SeatOutcome.Created)
        {
            // The directory holds the match now: it must start whether or not the caller is still there.
            await host.StartNewAsync(claim.MatchId, gameKind, CancellationToken.None);
        }

        return await TakeSeatAsync(caller, claim.MatchId, cancellationToken);
    }

    public async Task<MatchJoin> JoinMatchAsync(ChatCaller caller, string? matchId, CancellationToken cancellationToken)
    {
        var kind = KindOf(matchId);
        var claim = await directory.JoinSeatAsync(kind, matchId!, caller.User.UserId, caller.User.Name, cancellationToken);
        switch (claim.Outcome)
        {
            case SeatOutcome.Full:
                throw GameHubErrors.MatchFull(claim.MatchId);
            case SeatOutcome.NoSuchMatch:
                throw GameHubErrors.NoSuchMatch(claim.MatchId);
        }

        if (claim.LeftMatchId is { } left)
        {
            await TellHostLeftAsync(new SeatRef(left, caller.User.UserId));
        }

        return await TakeSeatAsync(caller, claim.MatchId, cancellationToken);
    }

    /// <summary>Checked here, on the caller's node: a seat attached to this connection, and the player's input budget; then to the match.</summary>
    public async Task SendInputAsync(ChatCaller caller, string? matchId, long sequence, object? input)
    {
        if (!MatchIds.IsWellFormed(matchId))
        {
            throw GameHubErrors.NoSuchMatch(matchId);
        }

        if (!relay.TryGetAttached(matchId, caller.ConnectionId, out var playerId, out var inputs))
        {
            throw GameHubErrors.NotInMatch(matchId);
        }

        if (!inputs.TryTake())
        {
            throw GameHubErrors.RateLimited();
        }

        if (host.TryGet(matchId, out var match))
        {
            match.QueueInput(playerId, sequence, new MatchInput(input));
            return;
        }

        // Nobody listening means the match is being taken over: the input is lost, as one during a stall would be.
        await bus.SendToHostAsync(matchId, new ForwardedInput(bus.NodeId, playerId, sequence, PlainValues.From(input)));
    }

    public async Task LeaveMatchAsync(ChatCaller caller, string? matchId, CancellationToken cancellationToken)
    {
        var kind = KindOf(matchId);
        var seat = new SeatRef(matchId!, caller.User.UserId);
        var held = await directory.LeaveSeatAsync(kind, seat.MatchId, seat.PlayerId, cancellationToken);
        var attached = relay.Detach(seat);
        if (!held && !attached)
        {
            throw GameHubErrors.NotInMatch(seat.MatchId);
        }

        await TellHostLeftAsync(seat);
    }

    /// <summary>The connection closed: seats it was the last connection here for are kept for the reconnect grace from now.</summary>
    public async Task DisconnectAsync(string connectionId)
    {
        var lastHere = relay.DetachConnection(connectionId);
        try
        {
            foreach (var byKind in lastHere.GroupBy(s => MatchIds.TryGetKind(s.MatchId, out var kind) ? kind : string.Empty))
            {
                await directory.ReleaseAsync(byKind.Key, [.. byKind], CancellationToken.None);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The seats then lapse a lease later than the grace: the node's last refresh still counts.
            MatchHostLog.UpkeepFailed(logger, "keeping a closed connection's seats for the grace", exception);
        }

        foreach (var matchId in lastHere.Select(s => s.MatchId).Distinct())
        {
            await relay.StopListeningIfUnusedAsync(matchId);
        }
    }

    /// <summary>
    /// The player holds a seat in the directory: now take it in the match, here or on the node running it (waiting out a
    /// takeover for up to <c>Games:JoinTimeout</c>), and attach the connection.
    /// </summary>
    private async Task<MatchJoin> TakeSeatAsync(ChatCaller caller, string matchId, CancellationToken cancellationToken)
    {
        var join = await AttachAsync(caller, matchId, cancellationToken);
        if (cancellationToken.IsCancellationRequested)
        {
            await DisconnectAsync(caller.ConnectionId); // it closed while joining, maybe after its disconnect was handled
        }

        return join;
    }

    private async Task<MatchJoin> AttachAsync(ChatCaller caller, string matchId, CancellationToken cancellationToken)
    {
        var seat = new SeatRef(matchId, caller.User.UserId);
        var started = time.GetTimestamp();
        try
        {
            while (true)
            {
                // Again on every attempt: between attempts this join holds nothing that keeps the channel, so another
                // player's leaving may have released it, and the reply would go unheard.
                await relay.ListenAsync(matchId, cancellationToken);
                var (here, full) = host.JoinHere(seat, caller.User.Name, caller.ConnectionId);
                if (here is not null)
                {
                    return here;
                }

                var (heard, reply) = full ? (true, null) : await relay.RequestJoinAsync(seat, caller.User.Name, caller.ConnectionId, JoinAttempt);
                if (reply is { Join: { } joined })
                {
                    return joined;
                }

                if (full || reply is { Error: not null })
                {
                    // The running match is fuller than the directory knew (a leaver not yet gone from it): give the seat back.
                    await directory.LeaveSeatAsync(KindOf(matchId), matchId, seat.PlayerId, cancellationToken);
                    throw GameHubErrors.MatchFull(matchId);
                }

                if (time.GetElapsedTime(started) > hosting.Value.JoinTimeout)
                {
                    throw GameHubErrors.Unavailable("the node running the match does not answer; retry shortly");
                }

                if (!heard)
                {
                    await Task.Delay(NoHostRetry, time, cancellationToken);
                }
            }
        }
        finally
        {
            await relay.StopListeningIfUnusedAsync(matchId);
        }
    }

    private async Task TellHostLeftAsync(SeatRef seat)
    {
        relay.Detach(seat);
        if (!host.LeaveHere(seat))
        {
            await bus.SendToHostAsync(seat.MatchId, new PlayerNotice(bus.NodeId, seat.PlayerId, Left: true));
        }

        await relay.StopListeningIfUnusedAsync(seat.MatchId);
    }

    /// <summary>The kind a match id names, when this node runs that kind; else <c>no such match</c>.</summary>
    private string KindOf(string? matchId) =>
        MatchIds.TryGetKind(matchId, out var kind) && kinds.TryGet(kind, out _) ? kind : throw GameHubErrors.NoSuchMatch(matchId);
}
