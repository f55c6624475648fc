using Microsoft.Extensions.Options;

namespace RealtimeHub.Server.Games;

/// <summary>Source-generated validation of <see cref="GamesOptions"/>: its ranges, and its own check that intervals last at least a tick.</summary>
[OptionsValidator]
public sealed partial class GamesOptionsValidator : IValidateOptions<GamesOptions>;
