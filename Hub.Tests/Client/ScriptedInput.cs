using System.Threading.Channels;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Client;

/// <summary>Stands in for a pipe on stdin: each line arrives when the test writes it, the end when the test says so.</summary>
internal sealed class ScriptedInput : TextReader
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private int _reads;

    /// <summary>One entry per read asked for, with how many lines had been read before it.</summary>
    public EventLog<int> Reads { get; } = new();

    public void Write(params string[] lines)
    {
        foreach (var line in lines)
        {
            _lines.Writer.TryWrite(line);
        }
    }

    public void End() => _lines.Writer.TryComplete();

    public override string? ReadLine() => ReadLineAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        Reads.Add(Interlocked.Increment(ref _reads) - 1);
        return await _lines.Reader.WaitToReadAsync(cancellationToken) && _lines.Reader.TryRead(out var line) ? line : null;
    }

    public override Task<string?> ReadLineAsync() => ReadLineAsync(CancellationToken.None).AsTask();
}
