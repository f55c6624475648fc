using System.Globalization;

namespace RealtimeHub.Cli.Bench.Measuring;

/// <summary>
/// What the kernel holds for one loopback connection, from <c>/proc/net/tcp</c> (and tcp6): the server socket's send
/// queue plus the client socket's receive queue. Shows how much of a paused reader's data never reached the server
/// process's memory (bench/socketio/lib/procstats.js reads it the same way).
/// </summary>
internal static class TcpQueues
{
    /// <summary>Bytes queued in the kernel between <paramref name="serverPort"/> and <paramref name="clientPort"/>, or null if not found.</summary>
    public static long? QueuedBytes(int clientPort, int serverPort)
    {
        long? total = null;
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var line in File.ReadLines(file).Skip(1))
            {
                if (Queued(line, clientPort, serverPort) is { } bytes)
                {
                    total = (total ?? 0) + bytes;
                }
            }
        }

        return total;
    }

    /// <summary>The client side's receive queue or the server side's send queue, if the line is either end of the connection.</summary>
    internal static long? Queued(string line, int clientPort, int serverPort)
    {
        // "  sl  local_address rem_address   st tx_queue:rx_queue ...", addresses as HEXIP:HEXPORT.
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5 || Port(fields[1]) is not { } local || Port(fields[2]) is not { } remote)
        {
            return null;
        }

        var queues = fields[4].Split(':');
        var (tx, rx) = (Hex(queues[0]), Hex(queues[^1]));
        return (local, remote) == (clientPort, serverPort) ? rx
            : (local, remote) == (serverPort, clientPort) ? tx
            : null;
    }

    private static int? Port(string address)
    {
        var colon = address.LastIndexOf(':');
        return colon < 0 ? null : (int)Hex(address[(colon + 1)..]);
    }

    private static long Hex(string text) => long.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
