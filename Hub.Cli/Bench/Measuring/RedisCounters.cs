using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace RealtimeHub.Cli.Bench.Measuring;

/// <summary>
/// Reads one Redis server's command counters and CPU time over a plain socket (<c>INFO commandstats</c>, <c>INFO
/// cpu</c>), so a scenario can report the PUBLISHes and the Redis CPU each message cost without a Redis client library.
/// </summary>
internal sealed partial class RedisCounters : IDisposable
{
    private readonly TcpClient _client = new() { NoDelay = true };
    private readonly Uri _url;

    public RedisCounters(Uri url) => _url = url;

    /// <summary>Total PUBLISH + SPUBLISH calls the server has executed.</summary>
    public async Task<long> PublishesAsync()
    {
        var info = await InfoAsync("commandstats").ConfigureAwait(false);
        long calls = 0;
        foreach (Match match in PublishCalls().Matches(info))
        {
            calls += long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return calls;
    }

    /// <summary>The server's CPU time so far (user + system, all its threads), in seconds.</summary>
    public async Task<double> CpuSecondsAsync()
    {
        var info = await InfoAsync("cpu").ConfigureAwait(false);
        double seconds = 0;
        foreach (Match match in CpuTime().Matches(info))
        {
            seconds += double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return seconds;
    }

    public Uri Url => _url;

    public void Dispose() => _client.Dispose();

    private async Task<string> InfoAsync(string section)
    {
        if (!_client.Connected)
        {
            await _client.ConnectAsync(_url.Host, _url.Port).ConfigureAwait(false);
        }

        var stream = _client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"*2\r\n$4\r\nINFO\r\n${section.Length}\r\n{section}\r\n")).ConfigureAwait(false);

        // Reply: $<length>\r\n<text>\r\n
        var reply = new List<byte>();
        var buffer = new byte[8192];
        int? expected = null;
        while (expected is null || reply.Count < expected)
        {
            var read = await stream.ReadAsync(buffer).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("Redis closed the connection.");
            }

            reply.AddRange(buffer.AsSpan(0, read));
            if (expected is null && reply.IndexOf((byte)'\n') is var eol and > 0)
            {
                var head = CollectionsMarshal.AsSpan(reply);
                if (head[0] != (byte)'$')
                {
                    throw new IOException($"Unexpected Redis reply: {Encoding.ASCII.GetString(head)}");
                }

                expected = eol + 1 + int.Parse(head[1..(eol - 1)], System.Globalization.CultureInfo.InvariantCulture) + 2;
            }
        }

        return Encoding.UTF8.GetString(CollectionsMarshal.AsSpan(reply));
    }

    [GeneratedRegex(@"^cmdstat_s?publish:calls=(\d+)", RegexOptions.Multiline)]
    private static partial Regex PublishCalls();

    [GeneratedRegex(@"^used_cpu_(?:sys|user):([0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex CpuTime();
}
