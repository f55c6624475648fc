using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts.Games;
using RealtimeHub.Server.Chat;

namespace RealtimeHub.Server.Games;

/// <summary>The hub at <c>/hubs/game</c>. Thin on purpose: identity comes from the token, the work from <see cref="GameService"/>.</summary>
[Authorize]
public sealed class GameHub(GameService games) : Hub<IGameClient>, IGameHub
{
    private ChatCaller Caller => ChatCaller.From(Context);

    public override Task OnDisconnectedAsync(Exception? exception) => games.DisconnectAsync(Context.ConnectionId);

    public Task<MatchJoin> FindMatch(string kind) => games.FindMatchAsync(Caller, kind, Context.ConnectionAborted);

    public Task<MatchJoin> JoinMatch(string matchId) => games.JoinMatchAsync(Caller, matchId, Context.ConnectionAborted);

    public Task SendInput(string matchId, long sequence, object? input) => games.SendInputAsync(Caller, matchId, sequence, input);

    public Task LeaveMatch(string matchId) => games.LeaveMatchAsync(Caller, matchId, Context.ConnectionAborted);
}
