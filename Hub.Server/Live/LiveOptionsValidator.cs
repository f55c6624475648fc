using Microsoft.Extensions.Options;

namespace RealtimeHub.Server.Live;

/// <summary>Source-generated validation of <see cref="LiveOptions"/>, checked at start.</summary>
[OptionsValidator]
public sealed partial class LiveOptionsValidator : IValidateOptions<LiveOptions>;
