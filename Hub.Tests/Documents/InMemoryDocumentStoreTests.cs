using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RealtimeHub.Server.Documents;

namespace RealtimeHub.Tests.Documents;

/// <summary>The embedded store forgets documents nobody wrote to, as Redis expires their state, and keeps the rest.</summary>
public sealed class InMemoryDocumentStoreTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryDocumentStore _store;

    public InMemoryDocumentStoreTests() => _store = new InMemoryDocumentStore(new FixedOptions(new DocsOptions()), _time);

    [Fact]
    public async Task ADocumentOpenedButNeverWrittenIsForgottenADayLaterAndAWrittenOneIsKept()
    {
        var empty = await _store.OpenAsync("made-up", null, 0);
        await _store.OpenAsync("written", null, 0);
        await _store.AppendAsync(new UpdateDraft("written", "alice", TestUpdates.Named("team-101-0"), null, null, false));

        _time.Advance(InMemoryDocumentStore.UnwrittenLifetime - TimeSpan.FromMinutes(2));
        await _store.OpenAsync("another", null, 0); // a new document sweeps: nothing is old enough yet
        Assert.NotNull(await _store.GetAsync("made-up"));

        _time.Advance(TimeSpan.FromMinutes(3));
        await _store.OpenAsync("one-more", null, 0);

        Assert.Null(await _store.GetAsync("made-up"));
        Assert.Equal(1, (await _store.GetAsync("written"))!.LastSequence);
        Assert.NotEqual(empty!.Epoch, (await _store.OpenAsync("made-up", empty.Epoch, 0))!.Epoch); // as after Redis expired it
    }

    private sealed class FixedOptions(DocsOptions value) : IOptionsMonitor<DocsOptions>
    {
        public DocsOptions CurrentValue => value;

        public DocsOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<DocsOptions, string?> listener) => null;
    }
}
