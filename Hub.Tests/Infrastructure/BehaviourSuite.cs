using RealtimeHub.Client;

namespace RealtimeHub.Tests.Infrastructure;

/// <summary>
/// What every hub's behaviour suite shares: rules written once and run against each cluster shape, clients connecting
/// to consecutive nodes (so in a cluster the parties of a test sit on different nodes), one hub protocol per fixture,
/// and everything a test connected disposed after it.
/// </summary>
public abstract class BehaviourSuite<TCluster>(TCluster cluster) : IAsyncLifetime
    where TCluster : IHubCluster
{
    private readonly List<IAsyncDisposable> _owned = [];
    private int _nextNode;

    protected TCluster Cluster => cluster;

    /// <summary>The hub protocol every client of this fixture speaks.</summary>
    protected virtual ChatProtocol Protocol => ChatProtocol.Json;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        IAsyncDisposable[] owned;
        lock (_owned)
        {
            owned = [.. _owned];
        }

        foreach (var item in owned)
        {
            await item.DisposeAsync();
        }
    }

    /// <summary>The node the next client connects to (or the one at <paramref name="node"/>), round robin.</summary>
    protected HubNode NextNode(int? node = null) =>
        cluster.Nodes[(node ?? (Interlocked.Increment(ref _nextNode) - 1)) % cluster.Nodes.Count];

    /// <summary>The node <paramref name="offset"/> places after the next client's, without taking a turn.</summary>
    protected HubNode NodeAfterNext(int offset) => cluster.Nodes[(Volatile.Read(ref _nextNode) + offset) % cluster.Nodes.Count];

    /// <summary>A user id unique to this test run, or <paramref name="user"/> itself.</summary>
    protected static string UserId(string user, bool exactId) => exactId ? user : Unique.Name(user);

    /// <summary>Disposed when the test ends.</summary>
    protected T Own<T>(T item)
        where T : IAsyncDisposable
    {
        lock (_owned)
        {
            _owned.Add(item);
        }

        return item;
    }
}
