using System.Text.Json;

namespace RealtimeHub.Contracts.Api;

/// <summary>Body of <c>POST /api/v1/users/{userId}/notifications</c>: a type (1–64 of <c>[A-Za-z0-9_.:-]</c>) and any JSON value up to 16 KiB.</summary>
public sealed record NotificationRequest(string Type, JsonElement Data);
