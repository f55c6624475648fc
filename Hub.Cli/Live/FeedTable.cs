using System.Text.Json;
using RealtimeHub.Cli.Commands;
using RealtimeHub.Client;
using RealtimeHub.Contracts.Live;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RealtimeHub.Cli.Live;

/// <summary>
/// What <c>watch</c> shows: the connection state, then each key's newest value, version and age, sorted by key. A value
/// that changed within <see cref="FlashFor"/> is highlighted. Batches and state changes arrive from other threads.
/// </summary>
internal sealed class FeedTable(string feed, TimeProvider time)
{
    public static readonly TimeSpan FlashFor = TimeSpan.FromSeconds(1);

    private readonly Lock _sync = new();
    private readonly SortedDictionary<string, (FeedUpdate Update, DateTimeOffset ReceivedAt)> _rows = new(StringComparer.Ordinal);
    private ChatStateChange _state = new(ChatConnectionState.Connecting);
    private long _updates;

    public void SetState(ChatStateChange change)
    {
        lock (_sync)
        {
            _state = change;
        }
    }

    /// <summary>A snapshot replaces the rows; a removal deletes its row.</summary>
    public void Apply(FeedBatch batch)
    {
        var now = time.GetUtcNow();
        lock (_sync)
        {
            if (batch.Snapshot)
            {
                _rows.Clear();
            }

            foreach (var update in batch.Updates)
            {
                _updates++;
                if (update.Value is JsonElement { ValueKind: JsonValueKind.Null } or null)
                {
                    _rows.Remove(update.Key);
                }
                else
                {
                    _rows[update.Key] = (update, now);
                }
            }
        }
    }

    public IRenderable Render()
    {
        var now = time.GetUtcNow();
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("key");
        table.AddColumn(new TableColumn("value").RightAligned());
        table.AddColumn(new TableColumn("version").RightAligned());
        table.AddColumn(new TableColumn("age").RightAligned());
        string status;
        lock (_sync)
        {
            foreach (var (key, (update, receivedAt)) in _rows)
            {
                var value = Markup.Escape(FeedValueText.Format((JsonElement)update.Value!));
                var flash = now - receivedAt < FlashFor;
                table.AddRow(Markup.Escape(key), flash ? $"[bold yellow]{value}[/]" : value, update.Version.ToString("N0"), Age(now, update.PublishedAt));
            }

            status = $"{StateMarkup.Of(_state)} [grey]· feed {Markup.Escape(feed)} · {_rows.Count:N0} keys · {_updates:N0} updates received · Ctrl-C to quit[/]";
        }

        return new Rows(new Markup(status), table);
    }

    private static string Age(DateTimeOffset now, DateTime publishedAt)
    {
        var age = now - new DateTimeOffset(DateTime.SpecifyKind(publishedAt, DateTimeKind.Utc));
        return age.TotalSeconds switch
        {
            < 0 => "0.0 s", // the publisher's clock is ahead of this one
            < 10 => $"{age.TotalSeconds:0.0} s",
            < 60 => $"{age.TotalSeconds:0} s",
            < 3600 => $"{age.TotalMinutes:0} min",
            _ => $"{age.TotalHours:0} h",
        };
    }
}
