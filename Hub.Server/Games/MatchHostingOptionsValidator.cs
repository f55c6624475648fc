using Microsoft.Extensions.Options;

namespace RealtimeHub.Server.Games;

/// <summary>Source-generated validation of <see cref="MatchHostingOptions"/>: its ranges, and that a lease outlives two renewals.</summary>
[OptionsValidator]
public sealed partial class MatchHostingOptionsValidator : IValidateOptions<MatchHostingOptions>;
