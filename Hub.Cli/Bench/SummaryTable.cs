using Spectre.Console;

namespace RealtimeHub.Cli.Bench;

/// <summary>The results of a run as a table, for a person at a terminal (without --json).</summary>
internal static class SummaryTable
{
    private static readonly (string Header, string Field, int Digits)[] Columns =
    [
        ("variant", "variant", 0), ("rate/s", "rate", 0), ("sent", "sent", 0), ("acked", "acked", 0), ("lost", "lost", 0),
        ("dup", "duplicates", 0), ("p50 ms", "p50Ms", 2), ("p99 ms", "p99Ms", 2), ("p99.9 ms", "p999Ms", 2),
        ("done/s", "deliveriesPerSec", 0), ("server cpu", "serverCpu", 2), ("gen cpu", "loadgenCpu", 2),
        ("bytes/conn", "bytesPerConnection", 0), ("connect/s", "connectPerSec", 0),
        ("99 % back ms", "recover99Ms", 0), ("100 % back ms", "recover100Ms", 0), ("goal met", "ok", 0),
    ];

    public static void Write(TextWriter output, IReadOnlyList<BenchRecord> records)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (records.Count == 0)
        {
            console.WriteLine("no results");
            return;
        }

        // Only the columns some record has, so each scenario's table stays narrow.
        var columns = Columns.Where(c => records.Any(r => r.Fields[c.Field] is not null)).ToArray();
        var table = new Table().Title($"RealtimeHub bench: {records[0].Get<string>("scenario")}");
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(column.Header).RightAligned());
        }

        foreach (var record in records)
        {
            table.AddRow([.. columns.Select(c => Markup.Escape(Format(record, c.Field, c.Digits)))]);
        }

        console.Write(table);
    }

    private static string Format(BenchRecord record, string field, int digits) => record.Fields[field] switch
    {
        null => "–",
        var node when record.Number(field) is { } number => number.ToString(digits == 0 ? "N0" : $"N{digits}", System.Globalization.CultureInfo.InvariantCulture),
        var node => node.ToString(),
    };
}
