using System.Collections;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Client;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Games;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Games;

/// <summary>
/// A bare <see cref="HubConnection"/> to <c>/hubs/game</c> that records every state, scoreboard and round end exactly as
/// the server sent them, and tracks the entities it was shown. Disposing it leaves the matches it joined, so tests
/// sharing a node do not find each other's leftovers.
/// </summary>
public sealed class GameProbe : IAsyncDisposable
{
    private readonly HashSet<string> _matches = [];

    private readonly HubNode _node;
    private readonly ChatProtocol _protocol;

    private GameProbe(HubConnection connection, string userId, HubNode node, ChatProtocol protocol)
    {
        Connection = connection;
        UserId = userId;
        (_node, _protocol) = (node, protocol);
        connection.On<string, MatchDelta>(nameof(IGameClient.MatchState), (matchId, delta) => States.Add(new MatchStateEvent(matchId, Normalize(delta))));
        connection.On<string, Score[]>(nameof(IGameClient.Scoreboard), (matchId, scores) => Scoreboards.Add(new ScoresEvent(matchId, scores)));
        connection.On<string, Score[]>(nameof(IGameClient.MatchEnded), (matchId, scores) => RoundEnds.Add(new ScoresEvent(matchId, scores)));
    }

    public HubConnection Connection { get; }

    public string UserId { get; }

    /// <summary>Every <c>MatchState</c>, and each <c>MatchJoin</c>'s state first, in arrival order.</summary>
    public EventLog<MatchStateEvent> States { get; } = new();

    public EventLog<ScoresEvent> Scoreboards { get; } = new();

    public EventLog<ScoresEvent> RoundEnds { get; } = new();

    public static async Task<GameProbe> ConnectAsync(HubNode node, string userId, ChatProtocol protocol = ChatProtocol.Json)
    {
        var token = TestAuth.CreateToken(userId);
        var builder = new HubConnectionBuilder().WithUrl(new Uri(node.BaseUri, HubRoutes.Game), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token));
        if (protocol == ChatProtocol.MessagePack)
        {
            builder.AddMessagePackProtocol(ContractMessagePack.Configure);
        }

        var probe = new GameProbe(builder.Build(), userId, node, protocol);
        using var timeout = new CancellationTokenSource(TestTimeouts.Event);
        await probe.Connection.StartAsync(timeout.Token);
        return probe;
    }

    public Task<MatchJoin> FindMatchAsync(string kind = GameKinds.Arena) => Joined(Connection.InvokeAsync<MatchJoin>(nameof(IGameHub.FindMatch), kind));

    public Task<MatchJoin> JoinMatchAsync(string matchId) => Joined(Connection.InvokeAsync<MatchJoin>(nameof(IGameHub.JoinMatch), matchId));

    public Task SendInputAsync(string matchId, long sequence, object? input) => Connection.InvokeAsync(nameof(IGameHub.SendInput), matchId, sequence, input);

    public async Task LeaveMatchAsync(string matchId)
    {
        await Connection.InvokeAsync(nameof(IGameHub.LeaveMatch), matchId);
        lock (_matches)
        {
            _matches.Remove(matchId);
        }
    }

    /// <summary>The newest value the probe was shown of an entity (null: never shown, or gone from its view).</summary>
    public JsonElement? Entity(string matchId, string entityId) =>
        States.Snapshot().LastOrDefault(s => s.MatchId == matchId && s.Delta.Entities.ContainsKey(entityId))?.Delta.Entities[entityId] as JsonElement?;

    /// <summary>Where this state shows the player (null when it does not mention it).</summary>
    public static (double X, double Y)? PositionIn(MatchStateEvent state, string playerId) =>
        state.Delta.Entities.GetValueOrDefault($"player:{playerId}") is JsonElement player
            ? (player.GetProperty("x").GetDouble(), player.GetProperty("y").GetDouble())
            : null;

    /// <summary>Where the probe was last shown the player.</summary>
    public (double X, double Y)? Position(string matchId, string playerId) =>
        Entity(matchId, $"player:{playerId}") is { } player ? (player.GetProperty("x").GetDouble(), player.GetProperty("y").GetDouble()) : null;

    /// <summary>Waits for a state of the match that satisfies <paramref name="condition"/>, received after <paramref name="after"/> states.</summary>
    public async Task<MatchStateEvent> WaitForStateAsync(string matchId, Func<MatchStateEvent, bool> condition, string what, int after = 0, TimeSpan? timeout = null)
    {
        var states = await States.WaitUntilAsync(all => all.Skip(after).Any(s => s.MatchId == matchId && condition(s)), what, timeout);
        return states.Skip(after).First(s => s.MatchId == matchId && condition(s));
    }

    public async ValueTask DisposeAsync()
    {
        string[] matches;
        lock (_matches)
        {
            matches = [.. _matches];
        }

        if (matches.Length > 0)
        {
            await LeaveAsync(matches);
        }

        await Connection.DisposeAsync();
    }

    /// <summary>
    /// Frees the seats the probe still holds (from a new connection when a test stopped the probe's own, its seats then
    /// in their reconnect grace), so the next test's FindMatch does not land in this test's match. Only tidying up: a
    /// seat already gone, or a node that died, is fine.
    /// </summary>
    private async Task LeaveAsync(string[] matches)
    {
        try
        {
            await using var tidy = Connection.State == HubConnectionState.Connected ? null : await ConnectAsync(_node, UserId, _protocol);
            foreach (var matchId in matches)
            {
                await (tidy ?? this).Connection.InvokeAsync(nameof(IGameHub.LeaveMatch), matchId);
            }
        }
        catch (Exception)
        {
        }
    }

    private async Task<MatchJoin> Joined(Task<MatchJoin> call)
    {
        var join = await call;
        join = join with { State = Normalize(join.State) };
        lock (_matches)
        {
            _matches.Add(join.MatchId);
        }

        States.Add(new MatchStateEvent(join.MatchId, join.State));
        return join;
    }

    /// <summary>Entity values as JSON: the JSON protocol gives <see cref="JsonElement"/>s, MessagePack object-keyed maps.</summary>
    private static MatchDelta Normalize(MatchDelta delta) =>
        delta with { Entities = delta.Entities.ToDictionary(e => e.Key, e => e.Value is null ? null : (object)JsonSerializer.SerializeToElement(Plain(e.Value))) };

    private static object? Plain(object? value) => value switch
    {
        JsonElement json => json,
        IDictionary map => map.Keys.Cast<object>().ToDictionary(k => Convert.ToString(k, CultureInfo.InvariantCulture)!, k => Plain(map[k])),
        _ => value,
    };
}
