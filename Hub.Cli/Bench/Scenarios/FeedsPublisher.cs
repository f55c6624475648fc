using System.Net;
using System.Text;
using RealtimeHub.Cli.Bench.Measuring;
using RealtimeHub.Contracts.Api;

namespace RealtimeHub.Cli.Bench.Scenarios;

/// <summary>
/// The service that publishes: every 10 ms, on a thread of its own and never waiting for answers (open loop), one
/// <c>POST /api/v1/feeds/quotes/updates</c> with the updates due, to the nodes in turn, with the bench's API key.
/// Counts updates sent and accepted (202) and failed requests. At most 32 connections per node, as the Socket.IO
/// generator: a node that falls behind makes requests queue here (their values keep their scheduled time), instead of
/// one more connection each.
/// </summary>
internal sealed class FeedsPublisher : IDisposable
{
    private const int ConnectionsPerNode = 32;

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = ConnectionsPerNode,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private readonly Uri[] _targets;
    private readonly string _apiKey;
    private readonly FeedsLayout _layout;
    private readonly double _updatesPerSecond;
    private readonly long _epoch;
    private readonly Action<string> _log;
    private long _sent;
    private long _accepted;
    private long _failedRequests;
    private long _inFlight;

    public FeedsPublisher(IReadOnlyList<Uri> servers, string apiKey, FeedsLayout layout, double updatesPerSecond, long epoch, Action<string> log)
    {
        _targets = [.. servers.Select(server => new Uri(server, $"/api/v1/feeds/{FeedsLayout.Feed}/updates"))];
        _apiKey = apiKey;
        _layout = layout;
        _updatesPerSecond = updatesPerSecond;
        _epoch = epoch;
        _log = log;
    }

    public long Sent => Interlocked.Read(ref _sent);

    public long Accepted => Interlocked.Read(ref _accepted);

    public long FailedRequests => Interlocked.Read(ref _failedRequests);

    /// <summary>Requests not answered yet.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>How late the timer fired (ms): large means the generator was overloaded.</summary>
    public Histogram Lag { get; } = new();

    /// <summary>Publishes until <paramref name="stop"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken stop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(stop);
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        { IsBackground = true, Name = "feeds-publisher", Priority = ThreadPriority.AboveNormal };
        thread.Start();
        return done.Task;
    }

    public void Dispose() => _http.Dispose();

    private void Run(CancellationToken stop)
    {
        var interval = (double)System.Diagnostics.Stopwatch.Frequency / FeedsLayout.BatchesPerSecond;
        var start = Clock.Now;
        long batch = 0;
        long update = 0;
        while (!stop.IsCancellationRequested)
        {
            var now = Clock.Now;
            for (var at = start + (long)(batch * interval); at <= now; at = start + (long)(batch * interval))
            {
                Lag.RecordMs(Clock.Ms(now - at));
                var size = FeedsLayout.BatchSize(batch, _updatesPerSecond);
                Post(_targets[batch % _targets.Length], update, size, Clock.Ms(at - _epoch));
                update += size;
                batch++;
            }

            // Never spin: sleep until the next batch is due (at least 1 ms, the timer's grain), as OpenLoop does.
            Thread.Sleep(TimeSpan.FromMilliseconds(Math.Max(1, Clock.Ms(start + (long)(batch * interval) - Clock.Now))));
        }
    }

    private void Post(Uri target, long first, int size, double tMs)
    {
        if (size == 0)
        {
            return;
        }

        var json = new StringBuilder(64 + (size * 100)).Append("{\"updates\":[");
        for (var i = 0; i < size; i++)
        {
            _layout.AppendUpdate(i == 0 ? json : json.Append(','), first + i, tMs);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json.Append("]}").ToString())),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(ApiLimits.ApiKeyHeader, _apiKey);
        Interlocked.Add(ref _sent, size);
        Interlocked.Increment(ref _inFlight);
        _ = SendAsync(request, size);
    }

    private async Task SendAsync(HttpRequestMessage request, int size)
    {
        try
        {
            using (request)
            using (var response = await _http.SendAsync(request).ConfigureAwait(false))
            {
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    Interlocked.Add(ref _accepted, size);
                    return;
                }

                Failed($"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            Failed(ex.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void Failed(string why)
    {
        if (Interlocked.Increment(ref _failedRequests) == 1)
        {
            _log($"first failed publish: {why}");
        }
    }
}
