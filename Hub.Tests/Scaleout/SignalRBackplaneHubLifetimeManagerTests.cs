using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Scaleout;

/// <summary>The same rules for the official backplane (<c>Redis:Backplane=signalr</c>).</summary>
public sealed class SignalRBackplaneHubLifetimeManagerTests(TwoNodeSignalRBackplaneCluster cluster)
    : ScaleoutHubLifetimeManagerBehaviourTests<TwoNodeSignalRBackplaneCluster>(cluster), IClassFixture<TwoNodeSignalRBackplaneCluster>;
