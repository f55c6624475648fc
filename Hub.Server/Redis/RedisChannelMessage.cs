namespace RealtimeHub.Server.Redis;

/// <summary>A message published to a channel this node subscribes to.</summary>
public readonly record struct RedisChannelMessage(string Channel, ReadOnlyMemory<byte> Payload);
