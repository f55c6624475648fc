using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Server.Documents;
using RealtimeHub.Tests.Infrastructure;
using StackExchange.Redis;

namespace RealtimeHub.Tests.Documents;

/// <summary>
/// A caret whose removal failed (the store unreachable as its editor left) is removed once the store answers again,
/// here after the next awareness call on the node. One embedded node whose store fails one removal on demand.
/// </summary>
public sealed class AwarenessRemovalRetryTests : IAsyncLifetime
{
    private readonly string _doc = Unique.Name("doc");
    private readonly List<IAsyncDisposable> _owned = [];
    private HubNode _node = null!;
    private FailingRemovals _store = null!;

    public async Task InitializeAsync()
    {
        _node = await HubNode.StartAsync(new HubNodeOptions
        {
            ConfigureServices = services => services.AddSingleton<IAwarenessStore>(provider =>
                new FailingRemovals(ActivatorUtilities.CreateInstance<InMemoryAwarenessStore>(provider))),
        });
        _store = (FailingRemovals)_node.Services.GetRequiredService<IAwarenessStore>();
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        await _node.StopAsync();
    }

    [Fact]
    public async Task ACaretWhoseRemovalFailedIsRemovedOnceTheStoreAnswersAgain()
    {
        var (alice, bob) = (await OpenedAsync("alice"), await OpenedAsync("bob"));
        await alice.PushAwarenessAsync(_doc, TestUpdates.Awareness((1001, 1, """{"name":"alice"}""")));
        await bob.Awareness.WaitForCountAsync(1, "alice's caret");

        _store.FailNextRemoval = true;
        await alice.CloseAsync(_doc); // its removal fails: nobody is told yet
        Assert.False(_store.FailNextRemoval);
        await bob.PushAwarenessAsync(_doc, TestUpdates.Awareness((2002, 1, """{"name":"bob"}"""))); // the store answers again

        var removal = (await bob.Awareness.WaitForCountAsync(2, "the removal of alice's caret"))[1];
        Assert.True(AwarenessUpdate.TryParse(removal.Update, out var entries, out _));
        Assert.Equal((1001UL, true), (entries[0].ClientId, entries[0].IsRemoval));
        var carol = await OpenedAsync("carol");
        Assert.True(AwarenessUpdate.TryParse((await carol.OpenAsync(_doc)).Awareness!, out var others, out _));
        Assert.Equal([2002UL], others.Select(e => e.ClientId));
    }

    private async Task<DocumentProbe> OpenedAsync(string user)
    {
        var probe = await DocumentProbe.ConnectAsync(_node, Unique.Name(user));
        _owned.Add(probe);
        await probe.OpenAsync(_doc);
        return probe;
    }

    private sealed class FailingRemovals(IAwarenessStore inner) : IAwarenessStore
    {
        private int _fail;

        public bool FailNextRemoval
        {
            get => Volatile.Read(ref _fail) == 1;
            set => Volatile.Write(ref _fail, value ? 1 : 0);
        }

        public Task<IReadOnlyList<AwarenessEntry>> ApplyAsync(string docId, AwarenessOwner owner, IReadOnlyList<AwarenessEntry> entries, CancellationToken cancellationToken = default) =>
            inner.ApplyAsync(docId, owner, entries, cancellationToken);

        public Task<IReadOnlyList<AwarenessEntry>> GetOthersAsync(string docId, string connectionId, CancellationToken cancellationToken = default) =>
            inner.GetOthersAsync(docId, connectionId, cancellationToken);

        public Task<IReadOnlyList<AwarenessEntry>> RemoveAsync(string docId, string connectionId, CancellationToken cancellationToken = default) =>
            Interlocked.Exchange(ref _fail, 0) == 1
                ? throw new RedisConnectionException(ConnectionFailureType.SocketFailure, "unreachable for the test")
                : inner.RemoveAsync(docId, connectionId, cancellationToken);

        public Task DeleteAsync(string docId, CancellationToken cancellationToken = default) => inner.DeleteAsync(docId, cancellationToken);
    }
}
