using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Hosting;

namespace RealtimeHub.Tests.Infrastructure;

/// <summary>
/// A real RealtimeHub node: the app's own composition on Kestrel, bound to loopback. Stop it and start another
/// on the same <see cref="Port"/> to simulate a restart.
/// </summary>
public sealed class HubNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private HubNode(WebApplication app, HubNodeOptions options, Uri baseUri)
    {
        _app = app;
        Options = options;
        BaseUri = baseUri;
    }

    public HubNodeOptions Options { get; }

    public Uri BaseUri { get; }

    public Uri HubUri => new(BaseUri, HubRoutes.Chat);

    public int Port => BaseUri.Port;

    public IServiceProvider Services => _app.Services;

    public static async Task<HubNode> StartAsync(HubNodeOptions? options = null)
    {
        options ??= new HubNodeOptions();
        string[] args =
        [
            $"--urls=http://127.0.0.1:{options.Port}",
            $"--environment={options.Environment}",
            $"--contentRoot={RepositoryPaths.Server}",
        ];
        var app = HubApplication.Create(args, builder =>
        {
            builder.Configuration.AddInMemoryCollection(DefaultSettings(options));
            builder.Configuration.AddInMemoryCollection(options.Settings);
            builder.Logging.ClearProviders();
            if (Environment.GetEnvironmentVariable("TEST_LOGS") is "1")
            {
                builder.Logging.AddConsole();
            }
        }, options.ConfigureServices);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HubNode(app, options, new Uri(address + "/"));
    }

    /// <summary>Starts a node with the same options on the same port (and so the same Redis, if any).</summary>
    public Task<HubNode> RestartAsync() => StartAsync(Options with { Port = Port });

    public string IssueToken(string userName, TimeSpan? lifetime = null) => TestAuth.CreateToken(userName, userName, lifetime);

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>An HTTP client that sends the tests' API key on every request.</summary>
    public HttpClient CreateApiHttpClient()
    {
        var http = CreateHttpClient();
        http.DefaultRequestHeaders.Add(RealtimeHub.Contracts.Api.ApiLimits.ApiKeyHeader, TestAuth.ApiKey);
        return http;
    }

    /// <summary>The typed server API client, authenticated with the tests' API key.</summary>
    public RealtimeHub.Client.Api.RealtimeHubApiClient CreateApiClient() => new(CreateHttpClient(), TestAuth.ApiKey);

    /// <summary>
    /// Simulates a crash in Redis mode: the node's Redis connections die first, so it can neither heartbeat nor say
    /// goodbye, and the surviving nodes must notice by themselves. Then the process side stops.
    /// </summary>
    public async Task CrashAsync()
    {
        await Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().DisposeAsync();
        await StopAsync();
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static Dictionary<string, string?> DefaultSettings(HubNodeOptions options)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = TestAuth.SigningKey,
            ["Auth:DevTokens"] = "true",
            ["Api:Keys:tests"] = TestAuth.ApiKey,
            ["Node:Name"] = options.NodeName ?? $"node-{Guid.NewGuid():N}"[..13],
            ["Redis:Configuration"] = options.RedisConfiguration ?? string.Empty,
        };
        if (options.ChannelPrefix is not null)
        {
            settings["Redis:ChannelPrefix"] = options.ChannelPrefix;
        }

        return settings;
    }
}
