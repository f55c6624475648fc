namespace RealtimeHub.Tests.Infrastructure;

/// <summary>
/// One or more nodes that behave as one hub. The behaviour suite runs against every implementation: embedded
/// (one node, memory) and Redis (several nodes, one Redis), spreading its clients across the nodes.
/// </summary>
public interface IHubCluster
{
    IReadOnlyList<HubNode> Nodes { get; }
}
