namespace RealtimeHub.Contracts.Api;

/// <summary>The 202 answer to a notification: its id, as <see cref="Notification.Id"/> carries it.</summary>
public sealed record NotificationAccepted(string Id);
