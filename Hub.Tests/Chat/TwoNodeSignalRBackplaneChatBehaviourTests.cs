using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Chat;

/// <summary>The hub contract on two nodes over the official SignalR Redis backplane; consecutive clients sit on different nodes.</summary>
public sealed class TwoNodeSignalRBackplaneChatBehaviourTests(TwoNodeSignalRBackplaneCluster cluster)
    : ChatBehaviourTests<TwoNodeSignalRBackplaneCluster>(cluster), IClassFixture<TwoNodeSignalRBackplaneCluster>;
