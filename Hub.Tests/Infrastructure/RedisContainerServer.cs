using System.Globalization;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using Microsoft.Extensions.Logging.Abstractions;
using Testcontainers.Redis;

namespace RealtimeHub.Tests.Infrastructure;

/// <summary>
/// Redis in a Testcontainers container of <see cref="RedisServerRuntime.Image"/>, published on 127.0.0.1 only, at the
/// spec's fixed port: a stop and start keeps the address, so clients reconnect as they would to a restarted server.
/// </summary>
internal sealed class RedisContainerServer : IRedisServer
{
    /// <summary>Lets <c>test.sh</c> remove what a crashed test host left behind, and only that.</summary>
    public const string Label = "realtimehub.test";
    public const string OwnerLabel = "realtimehub.test.pid";

    private const int ContainerPort = RedisBuilder.RedisPort;
    private const string TlsMount = "/tls";

    private readonly IContainer _container;

    public RedisContainerServer(RedisServerSpec spec)
    {
        // Clients arrive from the bridge network, not loopback: protected mode would refuse them.
        string[] arguments = ["--protected-mode", "no", .. spec.Arguments("0.0.0.0", ContainerPort, spec.TlsDirectory is null ? null : TlsMount)];
        _container = spec.TlsDirectory is null
            ? Configure<RedisBuilder, RedisContainer>(new RedisBuilder(), spec, arguments).Build()
            : Configure<ContainerBuilder, IContainer>(new ContainerBuilder(), spec, arguments)
                .WithBindMount(spec.TlsDirectory, TlsMount, AccessMode.ReadOnly)
                // Not RedisBuilder: its readiness check is a plain "redis-cli ping", which a TLS-only server never answers.
                .WithWaitStrategy(Wait.ForUnixContainer().UntilCommandIsCompleted("redis-cli", "--tls", "--insecure", "ping"))
                .Build();
    }

    public Task StartAsync() => _container.StartAsync();

    public Task StopAsync() => _container.StopAsync();

    public ValueTask DisposeAsync() => _container.DisposeAsync();

    private static TBuilder Configure<TBuilder, TContainer>(TBuilder builder, RedisServerSpec spec, IReadOnlyList<string> arguments)
        where TBuilder : IContainerBuilder<TBuilder, TContainer>
        where TContainer : IContainer
    {
        var hostPort = spec.Port.ToString(CultureInfo.InvariantCulture);
        builder = builder
            .WithImage(RedisServerRuntime.Image)
            .WithPortBinding(spec.Port, ContainerPort)
            .WithCommand([.. arguments])
            .WithLabel(Label, "1")
            .WithLabel(OwnerLabel, Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
            .WithLogger(NullLogger.Instance)
            .WithCreateParameterModifier(parameters =>
            {
                // Testcontainers publishes on 0.0.0.0; tests reach Redis on 127.0.0.1 only, and nothing else should.
                parameters.HostConfig.PortBindings = new Dictionary<string, IList<PortBinding>>
                {
                    [$"{ContainerPort}/tcp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = hostPort }],
                };

                // StopAsync is a crash, as with the process: no SIGTERM, no shutdown save, no 15 s grace period.
                parameters.StopSignal = "SIGKILL";
            });
        foreach (var directory in spec.DataDirectories())
        {
            builder = builder.WithBindMount(directory, directory);
        }

        return builder;
    }
}
