using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Live;

/// <summary>The suite's private feeds: exactly as private rooms, with watches ending instead of connections leaving.</summary>
public abstract partial class LiveBehaviourTests<TCluster>
{
    [Fact]
    public async Task APrivateFeedRefusesNonMembersWithForbiddenFeed()
    {
        await Api(0).PublishAsync(_feed, ("K", 1));
        await Api(0).SetAccessAsync(_feed, RoomAccess.Private);
        var carol = await ConnectAsync("carol");

        await AssertRefusedAsync(carol.Watch(_feed), LiveErrors.ForbiddenFeed);
        await AssertRefusedAsync(carol.Watch(_feed, ["K"]), LiveErrors.ForbiddenFeed);
        Assert.Single(await Api(1).GetAsync(_feed)); // the API is not a member: it serves services
        Assert.True((await carol.WatchAsync(Unique.Name("open"))).Snapshot.Snapshot); // the connection stays
    }

    [Fact]
    public async Task AUserGrantedThroughTheApiWatchesAPrivateFeed()
    {
        var aliceId = Unique.Name("alice");
        await Api(0).SetAccessAsync(_feed, RoomAccess.Private);
        await Api(1).GrantAsync(_feed, aliceId);
        var alice = await ConnectAsync(aliceId, exactId: true);

        var (watch, _) = await alice.WatchAsync(_feed, ["K"]);
        await Api(1).PublishAsync(_feed, ("K", "members only"));

        Assert.Equal("\"members only\"", Json((await watch.WaitForVersionAsync("K", 1)).Value));
    }

    [Theory]
    [InlineData("array")]
    [InlineData("json-text")]
    public async Task AFeedsClaimNamingTheFeedAdmitsWithoutAGrant(string shape)
    {
        await Api(0).SetAccessAsync(_feed, RoomAccess.Private);
        var userId = Unique.Name("dana");
        object feeds = shape == "array" ? new[] { "elsewhere", _feed } : $"[\"elsewhere\",\"{_feed}\"]";
        var dana = await ConnectAsync(userId, exactId: true, token: TestAuth.CreateToken(userId, claims: new Dictionary<string, object> { ["feeds"] = feeds }));
        var roomsOnly = await ConnectAsync(userId, exactId: true, token: TestAuth.CreateTokenWithRooms(userId, _feed));

        Assert.True((await dana.WatchAsync(_feed)).Snapshot.Snapshot);
        await AssertRefusedAsync(roomsOnly.Watch(_feed), LiveErrors.ForbiddenFeed); // a room of that name is another thing
    }

    [Fact]
    public async Task RevokingEndsThatUsersWatchesOfTheFeedAtOnceOnEveryNodeWhileItsConnectionsStay()
    {
        var aliceId = Unique.Name("alice");
        var bobId = Unique.Name("bob");
        var elsewhere = Unique.Name("open");
        await Api(0).SetAccessAsync(_feed, RoomAccess.Private);
        await Api(0).GrantAsync(_feed, aliceId);
        await Api(0).GrantAsync(_feed, bobId);
        var aliceTab1 = await ConnectAsync(aliceId, exactId: true);
        var aliceTab2 = await ConnectAsync(aliceId, exactId: true);
        var bob = await ConnectAsync(bobId, exactId: true);
        var (alice1, _) = await aliceTab1.WatchAsync(_feed);
        var (alice2, _) = await aliceTab2.WatchAsync(_feed, ["K"]);
        var (aliceElsewhere, _) = await aliceTab1.WatchAsync(elsewhere);
        var (bobWatch, _) = await bob.WatchAsync(_feed);

        await Api(1).RevokeAsync(_feed, aliceId);

        var revoked = Stopwatch.GetTimestamp();
        foreach (var watch in new[] { alice1, alice2 })
        {
            var error = await watch.WaitForEndAsync();
            Assert.StartsWith(LiveErrors.ForbiddenFeed, error?.Message, StringComparison.Ordinal);
        }

        Assert.True(Stopwatch.GetElapsedTime(revoked) < TimeSpan.FromSeconds(2), $"the watches ended {Stopwatch.GetElapsedTime(revoked).TotalMilliseconds:F0} ms after the revoke returned");
        await Api(1).PublishAsync(_feed, ("K", "after"));
        await Api(1).PublishAsync(elsewhere, ("K", "still here"));
        await bobWatch.WaitForVersionAsync("K", 1);
        await aliceElsewhere.WaitForVersionAsync("K", 1);
        Assert.Equal(HubConnectionState.Connected, aliceTab1.Connection.State);
        Assert.Equal(HubConnectionState.Connected, aliceTab2.Connection.State);
        await AssertRefusedAsync(aliceTab2.Watch(_feed), LiveErrors.ForbiddenFeed);
        Assert.DoesNotContain(alice1.Items.Snapshot(), item => item.Updates.Any(u => u.Key == "K"));
    }

    [Fact]
    public async Task MakingAFeedPrivateEndsTheWatchesOfUsersWhoAreNotMembers()
    {
        var bobId = Unique.Name("bob");
        await Api(0).GrantAsync(_feed, bobId); // kept while the feed is open
        var bob = await ConnectAsync(bobId, exactId: true);
        var carol = await ConnectAsync("carol");
        var (bobWatch, _) = await bob.WatchAsync(_feed);
        var (carolWatch, _) = await carol.WatchAsync(_feed);

        await Api(1).SetAccessAsync(_feed, RoomAccess.Private);

        Assert.StartsWith(LiveErrors.ForbiddenFeed, (await carolWatch.WaitForEndAsync())?.Message, StringComparison.Ordinal);
        await Api(1).PublishAsync(_feed, ("K", 1));
        await bobWatch.WaitForVersionAsync("K", 1);
        Assert.False(bobWatch.Ended.IsCompleted);
    }

    [Fact]
    public async Task AFeedMadeOpenAgainAdmitsEveryone()
    {
        var carol = await ConnectAsync("carol");
        await Api(0).SetAccessAsync(_feed, RoomAccess.Private);
        await AssertRefusedAsync(carol.Watch(_feed), LiveErrors.ForbiddenFeed);

        await Api(1).SetAccessAsync(_feed, RoomAccess.Open);

        Assert.True((await carol.WatchAsync(_feed)).Snapshot.Snapshot);
    }
}
