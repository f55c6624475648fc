namespace RealtimeHub.Cli.Bench;

/// <summary>
/// Progress on stderr: log lines always; on a terminal also one live status line, redrawn in place, so a long
/// connect or drain shows it is moving. Redirected (as run.sh does), only the lines are written.
/// </summary>
internal sealed class BenchProgress : IDisposable
{
    private readonly TextWriter _error;
    private readonly bool _live;
    private readonly Lock _sync = new();
    private readonly Timer? _timer;
    private Func<string>? _status;
    private int _statusWidth;

    public BenchProgress(TextWriter error, bool live)
    {
        _error = error;
        _live = live;
        _timer = live ? new Timer(_ => Redraw(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250)) : null;
    }

    public void Line(string text)
    {
        lock (_sync)
        {
            ClearStatus();
            _error.WriteLine(text);
            _error.Flush();
        }
    }

    /// <summary>Shows <paramref name="status"/> (re-evaluated four times a second) until the returned scope ends.</summary>
    public IDisposable Status(Func<string> status)
    {
        _status = status;
        return new Scope(this);
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_sync)
        {
            ClearStatus();
        }
    }

    private void Redraw()
    {
        if (_status is not { } status)
        {
            return;
        }

        lock (_sync)
        {
            var text = status();
            _error.Write("\r" + text.PadRight(_statusWidth));
            _statusWidth = text.Length;
            _error.Flush();
        }
    }

    private void ClearStatus()
    {
        if (_live && _statusWidth > 0)
        {
            _error.Write("\r" + new string(' ', _statusWidth) + "\r");
            _statusWidth = 0;
        }
    }

    private sealed class Scope(BenchProgress progress) : IDisposable
    {
        public void Dispose()
        {
            progress._status = null;
            lock (progress._sync)
            {
                progress.ClearStatus();
            }
        }
    }
}
