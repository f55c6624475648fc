using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RealtimeHub.Server.Games.Arena;

namespace RealtimeHub.Server.Games;

public static class GamesServiceCollectionExtensions
{
    /// <summary>
    /// The <c>Games</c> options (validated at start) and the kinds this node runs (<c>arena</c>). No hub, no loop and no
    /// Redis yet: the match host builds on these.
    /// </summary>
    public static IServiceCollection AddGames(this IServiceCollection services)
    {
        services.AddOptions<GamesOptions>().BindConfiguration(GamesOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GamesOptions>, GamesOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GameKindCatalog>();
        return services.AddGameKind<ArenaMatch>();
    }

    /// <summary>Adds a game kind (one class implementing <see cref="IGameKind{TSelf}"/>); adding the same kind again changes nothing.</summary>
    public static IServiceCollection AddGameKind<TKind>(this IServiceCollection services)
        where TKind : IGameKind<TKind>
    {
        if (!services.Any(d => d.ServiceType == typeof(GameKind) && d.ImplementationInstance is GameKind kind && kind.Name == TKind.Name))
        {
            services.AddSingleton(GameKind.Of<TKind>());
        }

        return services;
    }
}
