using System.Net.WebSockets;
using System.Text.Json;
using RealtimeHub.Cli.Commands;
using RealtimeHub.Client.Live;
using RealtimeHub.Contracts.Live;
using Spectre.Console;

namespace RealtimeHub.Cli.Live;

/// <summary>
/// The loop of <c>watch</c>: on a terminal a live table (<see cref="FeedTable"/>, redrawn ten times a second); otherwise
/// each update as a JSON line on the output (the shape of <see cref="FeedUpdate"/>, which <c>publish-feed</c> reads back)
/// and state changes on the error output.
/// </summary>
internal sealed class WatchSession(LiveClient client, string feed, string[]? keys, double? maxPerSecond)
{
    public const int Stopped = 0;
    public const int Failed = 1;
    public const int Refused = 2;

    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(100);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="console">The terminal for the live table; null writes JSON lines to <paramref name="output"/>.</param>
    public async Task<int> RunAsync(IAnsiConsole? console, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        error = TextWriter.Synchronized(error); // state changes are written from the client's event loop
        var table = new FeedTable(feed, TimeProvider.System);
        client.StateChanged += table.SetState;
        if (console is null)
        {
            client.StateChanged += change => error.WriteLine(StateMarkup.Plain(change));
        }

        try
        {
            await client.StartAsync(cancellationToken);
            var watch = client.WatchAsync(feed, keys, maxPerSecond, cancellationToken);
            await (console is null ? WriteLinesAsync(watch, output, error) : ShowTableAsync(watch, table, console));
            return Stopped;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Stopped; // Ctrl-C
        }
        catch (LiveWatchException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return Refused;
        }
        catch (Exception ex) when (ex is HttpRequestException or WebSocketException or IOException or InvalidOperationException)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return Failed;
        }
    }

    private static async Task WriteLinesAsync(IAsyncEnumerable<FeedBatch> watch, TextWriter output, TextWriter error)
    {
        await foreach (var batch in watch)
        {
            if (batch.Snapshot)
            {
                await error.WriteLineAsync($"snapshot of {batch.Feed}: {batch.Updates.Length} keys");
            }

            foreach (var update in batch.Updates)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(update, Json));
            }

            await output.FlushAsync();
        }
    }

    private static Task ShowTableAsync(IAsyncEnumerable<FeedBatch> watch, FeedTable table, IAnsiConsole console) =>
        console.Live(table.Render())
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .StartAsync(async context =>
            {
                var watching = ApplyAsync(watch, table);
                using var redraw = new PeriodicTimer(RedrawEvery);
                while (!watching.IsCompleted)
                {
                    await Task.WhenAny(watching, redraw.WaitForNextTickAsync().AsTask());
                    context.UpdateTarget(table.Render());
                }

                await watching; // its end: cancelled, refused, disconnected
            });

    private static async Task ApplyAsync(IAsyncEnumerable<FeedBatch> watch, FeedTable table)
    {
        await foreach (var batch in watch)
        {
            table.Apply(batch);
        }
    }
}
