using System.Security.Claims;

namespace RealtimeHub.Server.Live.Internal;

/// <summary>
/// A checked <c>Watch</c> call: the feed, its keys (null: every key), the least time between two deliveries of a key
/// (in <see cref="TimeProvider"/> timestamp units), and who asked, as their token says.
/// </summary>
internal sealed record WatchRequest(string Feed, string[]? Keys, long MinInterval, string ConnectionId, string UserId, ClaimsPrincipal? Principal);
