using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Rooms;

/// <summary>Private rooms on two nodes sharing one Redis through the official SignalR backplane.</summary>
public sealed class TwoNodeSignalRBackplanePrivateRoomBehaviourTests(TwoNodeSignalRBackplaneCluster cluster)
    : PrivateRoomBehaviourTests<TwoNodeSignalRBackplaneCluster>(cluster), IClassFixture<TwoNodeSignalRBackplaneCluster>;
