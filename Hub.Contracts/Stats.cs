using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Contracts;

/// <summary>The body of <c>GET /stats</c>. <see cref="Games"/> came later: an added field, the others unchanged.</summary>
public sealed record Stats(
    string Node,
    string Mode,
    bool BackplaneConnected,
    int Connections,
    long UsersOnline,
    long Rooms,
    long MessagesReceived,
    long MessagesDelivered,
    GameStats? Games = null);
