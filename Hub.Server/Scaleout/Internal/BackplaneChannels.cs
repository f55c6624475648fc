namespace RealtimeHub.Server.Scaleout.Internal;

/// <summary>
/// The Redis channels of one hub under the configured prefix. Names are used literally (SUBSCRIBE, never PSUBSCRIBE),
/// so a group called <c>*</c> or <c>a?b</c> is just a name.
/// </summary>
internal sealed class BackplaneChannels(string prefix, string hubName)
{
    private readonly string _root = $"{prefix}:bp:{hubName}";

    public string All => $"{_root}:all";

    public string GroupManagement => $"{_root}:internal:groups";

    public string Group(string groupName) => $"{_root}:group:{groupName}";

    public string User(string userId) => $"{_root}:user:{userId}";

    public string Connection(string connectionId) => $"{_root}:conn:{connectionId}";

    public string Ack(string nodeId) => $"{_root}:internal:ack:{nodeId}";

    /// <summary>Where client results for invocations made by <paramref name="nodeId"/> are sent.</summary>
    public string Results(string nodeId) => $"{_root}:internal:results:{nodeId}";
}
