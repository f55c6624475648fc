using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using RealtimeHub.Client.Api;
using RealtimeHub.Client.Reconnection;
using RealtimeHub.Contracts.Api;

namespace RealtimeHub.Cli.Live;

/// <summary>
/// Reads <see cref="FeedLine"/>s and publishes them in order, one request at a time: a request leaves when it holds
/// <see cref="FeedPublishSettings.MaxEntries"/> entries (or <see cref="FeedPublishSettings.MaxBytes"/>), when its first
/// entry has waited <see cref="FeedPublishSettings.FlushInterval"/>, or at the end of the input. Lines read while a
/// request is out wait for the next one, so a fast producer gets full requests and a slow one is sent at once.
/// </summary>
internal sealed class FeedPublisher(RealtimeHubApiClient api, string feed, FeedPublishSettings settings, TextWriter log, TimeProvider time)
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);
    private readonly Lock _logSync = new();
    private readonly ExponentialBackoffRetryPolicy _retry = new(new ExponentialBackoffOptions
    {
        BaseDelay = TimeSpan.FromMilliseconds(250), MaxDelay = TimeSpan.FromSeconds(5), MaxElapsed = settings.RetryFor,
    });

    private long _published;
    private long _requests;
    private long _invalid;
    private long _lastReport = time.GetTimestamp();

    /// <summary>Publishes every valid line of <paramref name="input"/>; throws when the server refuses a request or stays unreachable.</summary>
    public async Task<FeedPublishReport> RunAsync(TextReader input, CancellationToken cancellationToken)
    {
        // Bounded: a producer faster than the server is held up by its pipe, not by this process's memory.
        var lines = Channel.CreateBounded<FeedLine>(new BoundedChannelOptions(2 * settings.MaxEntries) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Console.In reads synchronously: on a thread of its own, so requests leave while it waits for the next line.
        var reading = Task.Run(() => ReadAsync(input, lines.Writer, stopReading.Token), CancellationToken.None);
        try
        {
            while (await NextRequestAsync(lines.Reader, cancellationToken) is { Count: > 0 } entries)
            {
                await SendAsync(entries, cancellationToken);
            }
        }
        catch
        {
            await stopReading.CancelAsync(); // a read blocked on the terminal is left behind; the process is ending
            throw;
        }

        await reading;
        return new FeedPublishReport(_published, _requests, _invalid);
    }

    private async Task ReadAsync(TextReader input, ChannelWriter<FeedLine> lines, CancellationToken cancellationToken)
    {
        try
        {
            var number = 0L;
            while (await input.ReadLineAsync(cancellationToken) is { } text)
            {
                number++;
                var line = FeedLine.Parse(text);
                if (line.Error is not null)
                {
                    Interlocked.Increment(ref _invalid);
                    Log($"line {number} skipped: {line.Error}");
                }
                else if (line.Entry is not null)
                {
                    await lines.WriteAsync(line, cancellationToken);
                }
            }

            lines.TryComplete();
        }
        catch (Exception ex)
        {
            lines.TryComplete(ex);
        }
    }

    /// <returns>The entries of the next request; empty at the end of the input.</returns>
    private async Task<List<FeedEntry>> NextRequestAsync(ChannelReader<FeedLine> lines, CancellationToken cancellationToken)
    {
        var entries = new List<FeedEntry>();
        if (!await lines.WaitToReadAsync(cancellationToken))
        {
            return entries;
        }

        using var flush = new CancellationTokenSource(settings.FlushInterval, time);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, flush.Token);
        var bytes = 0;
        while (entries.Count < settings.MaxEntries)
        {
            if (lines.TryPeek(out var line))
            {
                if (entries.Count > 0 && bytes + line.Bytes > settings.MaxBytes)
                {
                    break;
                }

                lines.TryRead(out _);
                entries.Add(line.Entry!);
                bytes += line.Bytes;
                continue;
            }

            try
            {
                if (!await lines.WaitToReadAsync(waiting.Token))
                {
                    break; // end of input
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break; // the flush interval is up
            }
        }

        return entries;
    }

    private async Task SendAsync(List<FeedEntry> entries, CancellationToken cancellationToken)
    {
        var failedSince = 0L;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                _published += await api.PublishAsync(feed, entries, cancellationToken);
                _requests++;
                ReportProgress();
                return;
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken))
            {
                failedSince = attempt == 0 ? time.GetTimestamp() : failedSince;
                var context = new RetryContext { PreviousRetryCount = attempt, ElapsedTime = time.GetElapsedTime(failedSince), RetryReason = ex };
                if (_retry.NextRetryDelay(context) is not { } delay)
                {
                    throw;
                }

                Log($"publishing failed ({ex.Message}); retrying in {delay.TotalSeconds:0.0} s");
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    /// <summary>Worth retrying: no answer (unreachable, timed out) or a 5xx; a 4xx is a refusal that a retry cannot change.</summary>
    private static bool IsTransient(Exception error, CancellationToken cancellationToken) => error switch
    {
        RealtimeHubApiException refused => (int)refused.StatusCode >= 500,
        HttpRequestException => true,
        TaskCanceledException => !cancellationToken.IsCancellationRequested, // HttpClient's timeout
        _ => false,
    };

    private void ReportProgress()
    {
        if (time.GetElapsedTime(_lastReport) >= ReportEvery)
        {
            _lastReport = time.GetTimestamp();
            Log($"published {_published:N0} updates in {_requests:N0} requests");
        }
    }

    private void Log(string line)
    {
        lock (_logSync)
        {
            log.WriteLine(line);
            log.Flush();
        }
    }
}
