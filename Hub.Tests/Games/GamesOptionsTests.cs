using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RealtimeHub.Server.Games;

namespace RealtimeHub.Tests.Games;

public sealed class GamesOptionsTests
{
    [Fact]
    public void TheDefaultsAreTheContractsAndValid()
    {
        var options = Resolve([]).GetRequiredService<IOptions<GamesOptions>>().Value;

        Assert.Equal(
            (8, 20, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), 300.0, TimeSpan.FromSeconds(30), 60, 200.0, TimeSpan.FromMinutes(2)),
            (options.SeatsPerMatch, options.TickRate, options.StateInterval, options.ScoreboardInterval, options.ViewRadius,
                options.ReconnectGrace, options.MaxInputsPerSecond, options.ArenaSpeed, options.RoundLength));
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.TickPeriod);
        Assert.Equal(2, options.TicksIn(options.StateInterval));
    }

    [Fact]
    public void AddGamesBindsTheGamesSectionAndRegistersTheArenaOnce()
    {
        var services = Resolve(new() { ["Games:TickRate"] = "30", ["Games:StateInterval"] = "00:00:00.200" }, addTwice: true);

        var options = services.GetRequiredService<IOptions<GamesOptions>>().Value;
        Assert.Equal((30, TimeSpan.FromMilliseconds(200)), (options.TickRate, options.StateInterval));
        Assert.Equal(["arena"], services.GetRequiredService<GameKindCatalog>().Names);
    }

    [Theory]
    [InlineData("Games:TickRate", "0")]
    [InlineData("Games:SeatsPerMatch", "0")]
    [InlineData("Games:ViewRadius", "-1")]
    [InlineData("Games:StateInterval", "00:00:00.010")]
    [InlineData("Games:ScoreboardInterval", "00:00:00.049")]
    [InlineData("Games:RoundLength", "00:00:00.001")]
    public void SettingsThatCannotWorkAreRefused(string key, string value)
    {
        var services = Resolve(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GamesOptions>>().Value);
        Assert.Contains(key.Split(':')[1], string.Join(" ", error.Failures));
    }

    private static ServiceProvider Resolve(Dictionary<string, string?> settings, bool addTwice = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddGames();
        if (addTwice)
        {
            services.AddGames();
        }

        return services.BuildServiceProvider();
    }
}
