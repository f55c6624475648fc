using System.Globalization;
using System.Text;
using RealtimeHub.Contracts;

namespace RealtimeHub.Tests.Reliability;

/// <summary>
/// Checks a finished soak against its promises and counts what happened. Promises: (room, epoch, sequence) never
/// names two messages; each room's history (its last epoch) has sequences 1..n without gaps or repeats; every
/// message acknowledged in that epoch is in it exactly once, as acknowledged; every client raised each message of
/// it exactly once and, within each epoch, in order. Messages acknowledged in an epoch Redis lost afterwards are
/// counted, not held against the hub: their history is gone with Redis's data.
/// </summary>
internal sealed class SoakReport
{
    private readonly List<string> _violations = [];

    public SoakReport(
        IReadOnlyList<SoakClient> clients, IReadOnlyDictionary<string, IReadOnlyList<ChatMessage>> history, IReadOnlySet<string> markerIds, long endMarkerSentAt)
    {
        var sends = clients.SelectMany(c => c.Sends).ToList();
        var acknowledged = sends.Where(s => s.Acknowledged is not null).Select(s => s.Acknowledged!).ToList();
        Attempted = sends.Count;
        Acked = acknowledged.Count;
        GaveUp = sends.Count(s => s.Acknowledged is null);
        Retries = clients.Sum(c => c.Retries);
        Reconnects = clients.Sum(c => c.Reconnects);
        Stored = history.Values.Sum(h => h.Count);
        ClientCount = clients.Count;
        FirstErrors = [.. sends.SelectMany(s => s.Errors).GroupBy(e => e.Length > 90 ? e[..90] : e).OrderByDescending(g => g.Count()).Take(5)
            .Select(g => $"{g.Count()} × {g.Key}")];

        foreach (var (room, messages) in history)
        {
            CheckHistory(room, messages);
        }

        var finalEpochs = history.ToDictionary(h => h.Key, h => h.Value.Count > 0 ? h.Value[0].Epoch : null, StringComparer.Ordinal);
        var stored = history.Values.SelectMany(h => h).ToDictionary(m => m.Id);
        CheckEpochs(acknowledged.Concat(clients.SelectMany(c => c.Raised.Snapshot())));
        foreach (var message in acknowledged)
        {
            if (finalEpochs.GetValueOrDefault(message.Room) is { } final && message.Epoch != final)
            {
                AckedInLostEpochs++;
                continue;
            }

            if (!stored.TryGetValue(message.Id, out var kept) || kept.Sequence != message.Sequence || kept.Text != message.Text)
            {
                LostFromHistory++;
                Violation($"acknowledged {message.Room}#{message.Sequence} '{message.Text}' is not in history as acknowledged");
            }
        }

        var lostEpochAcks = acknowledged.Where(m => finalEpochs.GetValueOrDefault(m.Room) is { } final && m.Epoch != final).ToList();
        LostEpochNotRaised = clients.Sum(c =>
        {
            var raisedIds = c.Raised.Snapshot().Select(m => m.Id).ToHashSet();
            return lostEpochAcks.Count(m => !raisedIds.Contains(m.Id));
        });
        var ackedIds = acknowledged.Select(m => m.Id).ToHashSet();
        StoredNotAcked = stored.Values.Count(m => !ackedIds.Contains(m.Id) && !markerIds.Contains(m.Id));
        foreach (var client in clients)
        {
            CheckRaised(client, history);
        }

        // A message acknowledged well before the end but raised only after the end markers went out was missing live
        // (its broadcast died with a node or a Redis link) and came back only by the gap repair the marker triggered.
        var settled = endMarkerSentAt - System.Diagnostics.Stopwatch.Frequency;
        RepairedByEndMarker = clients.Sum(c => sends.Count(s =>
            s.Acknowledged is not null && s.AcknowledgedAt < settled && c.RaisedAt.TryGetValue(s.Acknowledged.Id, out var at) && at >= endMarkerSentAt));
        UnknownOutcomeResends = clients.Sum(c => c.Log.Entries.Count(e => e.EventId.Name == "SendRequeued"));
        GapsSkipped = clients.Sum(c => c.Log.Entries.Count(e => e.EventId.Name == "GapSkipped"));
    }

    public int ClientCount { get; }

    public int Attempted { get; }

    public int Acked { get; }

    /// <summary>Sends never acknowledged, after every attempt.</summary>
    public int GaveUp { get; }

    public int Retries { get; }

    public int Reconnects { get; }

    public int Stored { get; }

    /// <summary>Stored although the sender never got an answer (its last attempt failed after the store): allowed, never lost.</summary>
    public int StoredNotAcked { get; }

    /// <summary>Sends the ChatClient itself put on the wire again because the connection died mid-call (outcome unknown).</summary>
    public int UnknownOutcomeResends { get; }

    /// <summary>Gaps a ChatClient gave up on (history no longer had them): should never happen here.</summary>
    public int GapsSkipped { get; }

    /// <summary>(client, message) deliveries that happened only once the end markers revealed a gap.</summary>
    public int RepairedByEndMarker { get; }

    /// <summary>Acknowledged in an epoch whose history Redis lost later (so not in the final history).</summary>
    public int AckedInLostEpochs { get; }

    /// <summary>(client, message) pairs of messages acked in a lost epoch that the client never raised: gone before it could catch up.</summary>
    public int LostEpochNotRaised { get; }

    /// <summary>Distinct epochs seen per room (in acks and raised messages), summed over the rooms.</summary>
    public int EpochsSeen { get; private set; }

    public int Delivered { get; private set; }

    public int ExpectedDeliveries { get; private set; }

    public int LostFromHistory { get; private set; }

    public int LostDeliveries { get; private set; }

    public int Duplicated { get; private set; }

    public IReadOnlyList<string> Violations => _violations;

    public IReadOnlyList<string> FirstErrors { get; }

    public string ToMarkdown(TimeSpan duration, int nodes, IReadOnlyDictionary<string, int> faults, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        Line(text, $"| soak | {duration.TotalSeconds:F0} s, {ClientCount} ChatClients, {nodes} Redis-mode nodes, run took {elapsed.TotalSeconds:F0} s |");
        text.AppendLine("|---|---|");
        Line(text, $"| messages attempted | {Attempted} |");
        Line(text, $"| messages acked | {Acked} |");
        Line(text, $"| sends given up (never acked) | {GaveUp} |");
        Line(text, $"| sends retried by the app after an error | {Retries} |");
        Line(text, $"| sends resent by ChatClient after losing the connection mid-call | {UnknownOutcomeResends} |");
        Line(text, $"| stored in history | {Stored} (of which stored but not acked: {StoredNotAcked}) |");
        Line(text, $"| deliveries raised by clients (final epoch) | {Delivered} of {ExpectedDeliveries} expected |");
        Line(text, $"| of which only after the end marker revealed a gap | {RepairedByEndMarker} |");
        Line(text, $"| gaps a client gave up on | {GapsSkipped} |");
        Line(text, $"| epochs seen (rooms × histories) | {EpochsSeen} |");
        Line(text, $"| acked in an epoch Redis lost later (gone with its data) | {AckedInLostEpochs} (deliveries of them a client never raised: {LostEpochNotRaised}) |");
        Line(text, $"| lost (acked but missing from history, or not raised) | {LostFromHistory + LostDeliveries} |");
        Line(text, $"| duplicated (in history or raised twice) | {Duplicated} |");
        Line(text, $"| faults injected | {faults.Values.Sum()}: {string.Join(", ", faults.Select(f => $"{f.Key} ×{f.Value}"))} |");
        Line(text, $"| client reconnects | {Reconnects} |");
        return text.ToString();
    }

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

    private void CheckHistory(string room, IReadOnlyList<ChatMessage> messages)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].Sequence != i + 1)
            {
                Violation($"history of {room}: position {i + 1} holds sequence {messages[i].Sequence}");
                break;
            }
        }

        Duplicated += messages.Count - messages.Select(m => m.Id).Distinct().Count();
        Duplicated += messages.Where(m => m.ClientMessageId is not null).GroupBy(m => (m.SenderId, m.ClientMessageId)).Sum(g => g.Count() - 1);
    }

    /// <summary>(room, epoch, sequence) must never name two different messages, whatever Redis lost.</summary>
    private void CheckEpochs(IEnumerable<ChatMessage> seen)
    {
        var all = seen.ToList();
        EpochsSeen = all.Select(m => (m.Room, m.Epoch)).Distinct().Count();
        foreach (var clash in all.GroupBy(m => (m.Room, m.Epoch, m.Sequence)).Where(g => g.Select(m => m.Id).Distinct().Count() > 1))
        {
            Violation($"{clash.Key.Room} epoch {clash.Key.Epoch} sequence {clash.Key.Sequence} names {clash.Select(m => m.Id).Distinct().Count()} messages");
        }
    }

    private void CheckRaised(SoakClient client, IReadOnlyDictionary<string, IReadOnlyList<ChatMessage>> history)
    {
        var raised = client.Raised.Snapshot();
        foreach (var (room, messages) in history)
        {
            var all = raised.Where(m => m.Room == room).ToList();
            foreach (var epoch in all.GroupBy(m => m.Epoch))
            {
                if (!epoch.Select(m => m.Sequence).SequenceEqual(epoch.Select(m => m.Sequence).Order()))
                {
                    Violation($"{client.UserId} raised {room} (epoch {epoch.Key}) out of sequence order");
                }
            }

            // The final epoch is checked against history; what was raised of earlier ones is the user's scrollback.
            var finalEpoch = messages.Count > 0 ? messages[0].Epoch : null;
            var inRoom = all.Where(m => m.Epoch == finalEpoch).ToList();
            Delivered += inRoom.Count;
            ExpectedDeliveries += messages.Count;
            var repeated = all.Count - all.Select(m => m.Id).Distinct().Count();
            Duplicated += repeated;
            if (repeated > 0)
            {
                Violation($"{client.UserId} raised {repeated} message(s) of {room} more than once");
            }

            var raisedIds = inRoom.Select(m => m.Id).ToHashSet();
            var missing = messages.Where(m => !raisedIds.Contains(m.Id)).ToList();
            LostDeliveries += missing.Count;
            if (missing.Count > 0)
            {
                Violation($"{client.UserId} never raised {missing.Count} message(s) of {room}, first #{missing[0].Sequence}");
            }

            var phantom = raisedIds.Except(messages.Select(m => m.Id)).Count();
            if (phantom > 0)
            {
                Violation($"{client.UserId} raised {phantom} message(s) of {room} that are not in its history");
            }
        }
    }

    private void Violation(string what)
    {
        if (_violations.Count < 20)
        {
            _violations.Add(what);
        }
    }
}
