using Microsoft.Extensions.Options;

namespace RealtimeHub.Server.Live;

/// <summary>Fills <see cref="LiveOptions.Demo"/>'s environment-dependent default: on in Development only.</summary>
public sealed class LiveOptionsSetup(IHostEnvironment environment) : IPostConfigureOptions<LiveOptions>
{
    public void PostConfigure(string? name, LiveOptions options) => options.Demo ??= environment.IsDevelopment();
}
