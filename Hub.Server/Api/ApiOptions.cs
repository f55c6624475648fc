namespace RealtimeHub.Server.Api;

/// <summary>Bound from the <c>Api</c> configuration section and validated at start.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>
    /// Server API keys by name (<c>Api:Keys:billing=…</c>), each at least <see cref="ApiOptionsValidator.MinimumKeyLength"/>
    /// characters. Several may be valid at once, which is how keys are rotated without downtime. Logs and traces name
    /// the key, never show it. Default none: only bearer tokens with the <c>realtimehub.api</c> scope can call the API.
    /// </summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);
}
