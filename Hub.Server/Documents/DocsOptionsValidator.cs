using Microsoft.Extensions.Options;
using RealtimeHub.Server.RateLimiting;

namespace RealtimeHub.Server.Documents;

/// <summary>Source-generated validation of <see cref="DocsOptions"/>, nested <see cref="RateLimitOptions"/> included.</summary>
[OptionsValidator]
public sealed partial class DocsOptionsValidator : IValidateOptions<DocsOptions>;
