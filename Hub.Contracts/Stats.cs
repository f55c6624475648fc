namespace RealtimeHub.Contracts;

/// <summary>The body of <c>GET /stats</c>.</summary>
public sealed record Stats(
    string Node,
    string Mode,
    bool BackplaneConnected,
    int Connections,
    long UsersOnline,
    long Rooms,
    long MessagesReceived,
    long MessagesDelivered);
