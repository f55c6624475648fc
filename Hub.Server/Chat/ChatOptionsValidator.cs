using Microsoft.Extensions.Options;
using RealtimeHub.Server.RateLimiting;

namespace RealtimeHub.Server.Chat;

/// <summary>Source-generated validation of <see cref="ChatOptions"/>, nested <see cref="RateLimitOptions"/> included.</summary>
[OptionsValidator]
public sealed partial class ChatOptionsValidator : IValidateOptions<ChatOptions>;
