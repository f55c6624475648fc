using System.Net;
using Microsoft.Extensions.Time.Testing;
using RealtimeHub.Cli.Live;
using RealtimeHub.Client.Api;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Client;

/// <summary>How <c>publish-feed</c> batches what it reads, against an in-process stand-in for the publish route.</summary>
public sealed class FeedPublisherTests
{
    private static readonly DateTimeOffset FakeStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly StringWriter _log = new();
    private readonly ScriptedInput _input = new();

    [Fact]
    public async Task AtTheEndOfTheInputEverythingIsPublishedInOrderInRequestsOfAtMost1000()
    {
        var api = new RecordingApiHandler();
        _input.Write([.. Enumerable.Range(1, 2_500).Select(i => $"k{i % 700}={i}")]);
        _input.End();

        var report = await PublishAsync(api, new FeedPublishSettings(TimeSpan.FromMinutes(1), TimeSpan.Zero));

        var requests = api.Requests.Snapshot();
        Assert.Equal([1_000, 1_000, 500], requests.Select(r => r.Length));
        Assert.Equal(Enumerable.Range(1, 2_500).Select(i => i.ToString()), requests.SelectMany(r => r).Select(e => e.Value.GetRawText()));
        Assert.Equal(new FeedPublishReport(2_500, 3, 0), report);
    }

    [Fact]
    public async Task ARequestStaysUnderTheBodyLimit()
    {
        var api = new RecordingApiHandler();
        var value = new string('x', 4_000);
        _input.Write([.. Enumerable.Range(1, 800).Select(i => $"key{i}={value}")]);
        _input.End();
        var settings = new FeedPublishSettings(TimeSpan.FromMinutes(1), TimeSpan.Zero);

        var report = await PublishAsync(api, settings);

        Assert.Equal(800, report.Published);
        Assert.Equal(4, report.Requests); // 3.2 MB in requests of about 1 MiB, not one request of 800 entries
        Assert.InRange(api.LargestBody, settings.MaxBytes / 2, settings.MaxBytes + 64);
    }

    [Fact]
    public async Task AnUpdateWaitsNoLongerThanTheFlushIntervalForOthers()
    {
        var api = new RecordingApiHandler();
        var time = new FakeTimeProvider(FakeStart);
        var publishing = PublishAsync(api, new FeedPublishSettings(TimeSpan.FromMilliseconds(50), TimeSpan.Zero), time);

        _input.Write("A=1", "B=2");
        await _input.Reads.WaitForCountAsync(3, "reads"); // both lines read; the reader waits for a third
        time.Advance(TimeSpan.FromMilliseconds(49));
        Assert.Empty(api.Requests.Snapshot());

        // The publisher starts its flush timer on a thread of its own: move the clock on until the request leaves.
        await Poll.UntilAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
            return Task.FromResult(api.Requests.Snapshot().Count > 0);
        }, "the first request");
        Assert.True(time.GetUtcNow() - FakeStart >= TimeSpan.FromMilliseconds(50), "sent before the flush interval was up");
        var first = api.Requests.Snapshot();
        Assert.Equal(["A", "B"], first[0].Select(e => e.Key));
        _input.End();
        Assert.Equal(2, (await publishing.WaitAsync(TestTimeouts.Event)).Published);
    }

    [Fact]
    public async Task InvalidLinesAreReportedWithTheirNumberAndSkipped()
    {
        var api = new RecordingApiHandler();
        _input.Write("A=1", "", "nonsense", "B=2", "bad key=3");
        _input.End();

        var report = await PublishAsync(api, new FeedPublishSettings(TimeSpan.Zero, TimeSpan.Zero));

        Assert.Equal((2, 2L), (report.Invalid, report.Published));
        Assert.Contains("line 3 skipped: expected key=value", _log.ToString());
        Assert.Contains("line 5 skipped: invalid key 'bad key'", _log.ToString());
    }

    [Fact]
    public async Task ARequestTheServerCouldNotServeIsRetried()
    {
        var api = new RecordingApiHandler(n => n == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.Accepted);
        _input.Write("A=1");
        _input.End();

        var report = await PublishAsync(api, new FeedPublishSettings(TimeSpan.Zero, TimeSpan.FromSeconds(30)));

        Assert.Equal(new FeedPublishReport(1, 1, 0), report);
        Assert.Contains("publishing failed", _log.ToString());
    }

    [Fact]
    public async Task ARefusalEndsThePublishing()
    {
        var api = new RecordingApiHandler(_ => HttpStatusCode.BadRequest);
        _input.Write("A=1");
        _input.End();

        var refused = await Assert.ThrowsAsync<RealtimeHubApiException>(() => PublishAsync(api, new FeedPublishSettings(TimeSpan.Zero, TimeSpan.FromSeconds(30))));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    private Task<FeedPublishReport> PublishAsync(RecordingApiHandler api, FeedPublishSettings settings, TimeProvider? time = null)
    {
        var publisher = new FeedPublisher(new RealtimeHubApiClient(api.CreateClient(), "key"), "quotes", settings, _log, time ?? TimeProvider.System);
        return publisher.RunAsync(_input, CancellationToken.None).WaitAsync(TestTimeouts.Event);
    }
}
