namespace RealtimeHub.Server.Live.Internal;

/// <summary>
/// This node's latest-value tables, one per feed that has a watch here. The first watch of a feed makes the node
/// listen to it and load the store's values (after listening, so nothing published meanwhile falls in the gap: the
/// two are merged by version); the last one ends the listening. Publications and reloads land in the tables; watches
/// read them.
/// </summary>
internal sealed class FeedTables : IFeedReceiver
{
    private static readonly TimeSpan ReloadRetryDelay = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, FeedTable> _tables = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();
    private readonly IFeedStore _store;
    private readonly IFeedFanout _fanout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public FeedTables(IFeedStore store, IFeedFanout fanout, TimeProvider time, ILogger<FeedTables> logger)
    {
        _store = store;
        _fanout = fanout;
        _time = time;
        _logger = logger;
        fanout.Attach(this);
    }

    /// <summary>Feeds with a table on this node.</summary>
    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _tables.Count;
            }
        }
    }

    /// <summary>
    /// The feed's table, loaded; true in <c>Fresh</c> when this call loaded it. Every successful call must be paired
    /// with <see cref="ReleaseAsync"/>. Throws the store's error when the table could not be loaded.
    /// </summary>
    public async Task<(FeedTable Table, bool Fresh)> AcquireAsync(string feed, CancellationToken cancellationToken)
    {
        bool created;
        FeedTable? table;
        lock (_sync)
        {
            created = !_tables.TryGetValue(feed, out table);
            if (created)
            {
                table = _tables[feed] = new FeedTable(feed);
            }

            table!.References++;
        }

        if (created)
        {
            await LoadAsync(table).ConfigureAwait(false); // outside the lock: listening takes the fanout's own
        }

        try
        {
            await table.Loaded.WaitAsync(cancellationToken).ConfigureAwait(false);
            return (table, created);
        }
        catch
        {
            await ReleaseAsync(table).ConfigureAwait(false);
            throw;
        }
    }

    public async Task ReleaseAsync(FeedTable table)
    {
        bool last;
        lock (_sync)
        {
            last = --table.References == 0 && _tables.GetValueOrDefault(table.Feed) == table && _tables.Remove(table.Feed);
        }

        if (last)
        {
            await StopListeningAsync(table.Feed).ConfigureAwait(false);
        }
    }

    /// <summary>Reads <paramref name="keys"/> (every key when null) from the store into the table, so a watch starting after a publish sees it.</summary>
    public async Task RefreshAsync(FeedTable table, IReadOnlyCollection<string>? keys, CancellationToken cancellationToken)
    {
        if (keys is null)
        {
            await ReloadAsync(table, cancellationToken).ConfigureAwait(false);
            return;
        }

        var read = await _store.GetAsync(table.Feed, keys, cancellationToken).ConfigureAwait(false);
        if (!table.ApplyPartialRead(read))
        {
            await ReloadAsync(table, cancellationToken).ConfigureAwait(false);
        }
    }

    public void OnPublished(string feed, FeedSlice applied)
    {
        FeedTable? table;
        lock (_sync)
        {
            table = _tables.GetValueOrDefault(feed);
        }

        try
        {
            if (table is not null && table.ApplyPublication(applied))
            {
                LiveLog.FeedLost(_logger, feed, applied.Epoch);
                _ = ReloadUntilDoneAsync(table);
            }
        }
        catch (Exception ex)
        {
            LiveLog.ApplyFailed(_logger, feed, ex); // never thrown into the subscription that delivered it
        }
    }

    public void OnLinkRestored()
    {
        FeedTable[] tables;
        lock (_sync)
        {
            tables = [.. _tables.Values];
        }

        foreach (var table in tables)
        {
            _ = ReloadUntilDoneAsync(table);
        }
    }

    private async Task LoadAsync(FeedTable table)
    {
        try
        {
            await _fanout.ListenAsync(table.Feed, CancellationToken.None).ConfigureAwait(false);
            await ReloadAsync(table, CancellationToken.None).ConfigureAwait(false);
            table.SetLoaded(null);
        }
        catch (Exception ex)
        {
            lock (_sync)
            {
                if (_tables.GetValueOrDefault(table.Feed) == table)
                {
                    _tables.Remove(table.Feed); // the next watch tries again
                }
            }

            await StopListeningAsync(table.Feed).ConfigureAwait(false);
            table.SetLoaded(ex);
        }
    }

    private async Task ReloadAsync(FeedTable table, CancellationToken cancellationToken)
    {
        var epoch = table.Epoch;
        var read = await _store.GetAsync(table.Feed, null, cancellationToken).ConfigureAwait(false);
        table.ApplyFullRead(read, epoch);
    }

    /// <summary>After a link loss or a lost feed: reads the table again, retrying while Redis is away and the table is still watched.</summary>
    private async Task ReloadUntilDoneAsync(FeedTable table)
    {
        while (true)
        {
            try
            {
                await ReloadAsync(table, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception ex)
            {
                LiveLog.ReloadFailed(_logger, table.Feed, ex);
            }

            await Task.Delay(ReloadRetryDelay, _time).ConfigureAwait(false);
            lock (_sync)
            {
                if (_tables.GetValueOrDefault(table.Feed) != table)
                {
                    return;
                }
            }
        }
    }

    private async Task StopListeningAsync(string feed)
    {
        try
        {
            await _fanout.StopListeningAsync(feed, () => IsWatched(feed)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LiveLog.StopListeningFailed(_logger, feed, ex); // Redis drops a dead link's subscriptions anyway
        }
    }

    private bool IsWatched(string feed)
    {
        lock (_sync)
        {
            return _tables.ContainsKey(feed);
        }
    }
}
