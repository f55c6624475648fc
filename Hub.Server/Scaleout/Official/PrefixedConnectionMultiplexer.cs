using System.Net;
using StackExchange.Redis;
using StackExchange.Redis.Maintenance;
using StackExchange.Redis.Profiling;

namespace RealtimeHub.Server.Scaleout.Official;

/// <summary>
/// The node's multiplexer as the official backplane gets it from <c>ConnectionFactory</c>: its subscriber puts channels under
/// a prefix (<see cref="PrefixedSubscriber"/>), and disposing or closing it leaves the connection alone, because the node owns
/// it and presence, history and health still use it (the official manager disposes what its factory gave it).
/// </summary>
internal sealed class PrefixedConnectionMultiplexer(IConnectionMultiplexer inner, string channelPrefix, Action<RedisChannel> subscribed)
    : IConnectionMultiplexer
{
    public string ClientName => inner.ClientName;

    public string Configuration => inner.Configuration;

    public int TimeoutMilliseconds => inner.TimeoutMilliseconds;

    public long OperationCount => inner.OperationCount;

    [Obsolete("Not supported by StackExchange.Redis 2.x.")]
    public bool PreserveAsyncOrder { get => inner.PreserveAsyncOrder; set => inner.PreserveAsyncOrder = value; }

    public bool IsConnected => inner.IsConnected;

    public bool IsConnecting => inner.IsConnecting;

    [Obsolete("Use ConfigurationOptions.IncludeDetailInExceptions.")]
    public bool IncludeDetailInExceptions { get => inner.IncludeDetailInExceptions; set => inner.IncludeDetailInExceptions = value; }

    public int StormLogThreshold { get => inner.StormLogThreshold; set => inner.StormLogThreshold = value; }

    public event EventHandler<RedisErrorEventArgs> ErrorMessage { add => inner.ErrorMessage += value; remove => inner.ErrorMessage -= value; }

    public event EventHandler<ConnectionFailedEventArgs> ConnectionFailed { add => inner.ConnectionFailed += value; remove => inner.ConnectionFailed -= value; }

    public event EventHandler<InternalErrorEventArgs> InternalError { add => inner.InternalError += value; remove => inner.InternalError -= value; }

    public event EventHandler<ConnectionFailedEventArgs> ConnectionRestored { add => inner.ConnectionRestored += value; remove => inner.ConnectionRestored -= value; }

    public event EventHandler<EndPointEventArgs> ConfigurationChanged { add => inner.ConfigurationChanged += value; remove => inner.ConfigurationChanged -= value; }

    public event EventHandler<EndPointEventArgs> ConfigurationChangedBroadcast
    {
        add => inner.ConfigurationChangedBroadcast += value;
        remove => inner.ConfigurationChangedBroadcast -= value;
    }

    public event EventHandler<ServerMaintenanceEvent> ServerMaintenanceEvent
    {
        add => inner.ServerMaintenanceEvent += value;
        remove => inner.ServerMaintenanceEvent -= value;
    }

    public event EventHandler<HashSlotMovedEventArgs> HashSlotMoved { add => inner.HashSlotMoved += value; remove => inner.HashSlotMoved -= value; }

    public ISubscriber GetSubscriber(object? asyncState = null) =>
        new PrefixedSubscriber(inner.GetSubscriber(asyncState), channelPrefix, this, subscribed);

    public IDatabase GetDatabase(int db = -1, object? asyncState = null) => inner.GetDatabase(db, asyncState);

    public IServer GetServer(string host, int port, object? asyncState = null) => inner.GetServer(host, port, asyncState);

    public IServer GetServer(string hostAndPort, object? asyncState = null) => inner.GetServer(hostAndPort, asyncState);

    public IServer GetServer(IPAddress host, int port) => inner.GetServer(host, port);

    public IServer GetServer(EndPoint endpoint, object? asyncState = null) => inner.GetServer(endpoint, asyncState);

    public IServer GetServer(RedisKey key, object? asyncState = null, CommandFlags flags = CommandFlags.None) => inner.GetServer(key, asyncState, flags);

    public IServer[] GetServers() => inner.GetServers();

    public void RegisterProfiler(Func<ProfilingSession?> profilingSessionProvider) => inner.RegisterProfiler(profilingSessionProvider);

    public ServerCounters GetCounters() => inner.GetCounters();

    public EndPoint[] GetEndPoints(bool configuredOnly = false) => inner.GetEndPoints(configuredOnly);

    public void Wait(Task task) => inner.Wait(task);

    public T Wait<T>(Task<T> task) => inner.Wait(task);

    public void WaitAll(params Task[] tasks) => inner.WaitAll(tasks);

    public int HashSlot(RedisKey key) => inner.HashSlot(key);

    public int GetHashSlot(RedisKey key) => inner.GetHashSlot(key);

    public Task<bool> ConfigureAsync(TextWriter? log = null) => inner.ConfigureAsync(log);

    public bool Configure(TextWriter? log = null) => inner.Configure(log);

    public string GetStatus() => inner.GetStatus();

    public void GetStatus(TextWriter log) => inner.GetStatus(log);

    public string? GetStormLog() => inner.GetStormLog();

    public void ResetStormLog() => inner.ResetStormLog();

    public long PublishReconfigure(CommandFlags flags = CommandFlags.None) => inner.PublishReconfigure(flags);

    public Task<long> PublishReconfigureAsync(CommandFlags flags = CommandFlags.None) => inner.PublishReconfigureAsync(flags);

    public void ExportConfiguration(Stream destination, ExportOptions options = ExportOptions.All) => inner.ExportConfiguration(destination, options);

    public void AddLibraryNameSuffix(string suffix) => inner.AddLibraryNameSuffix(suffix);

    public override string ToString() => inner.ToString() ?? string.Empty;

    // The node owns the connection: the official manager's Dispose must not close it under presence and history.
    public void Close(bool allowCommandsToComplete = true)
    {
    }

    public Task CloseAsync(bool allowCommandsToComplete = true) => Task.CompletedTask;

    public void Dispose()
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
