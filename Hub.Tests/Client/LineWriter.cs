using System.Text;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Client;

/// <summary>An output for a command under test that records each line it writes, so a test can wait for lines.</summary>
internal sealed class LineWriter : TextWriter
{
    private readonly StringBuilder _current = new();

    public EventLog<string> Lines { get; } = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_current)
        {
            if (value != '\n')
            {
                _current.Append(value);
                return;
            }

            Lines.Add(_current.ToString().TrimEnd('\r'));
            _current.Clear();
        }
    }
}
