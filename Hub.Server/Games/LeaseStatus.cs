namespace RealtimeHub.Server.Games;

/// <summary>What a save found of the node's lease on the match.</summary>
public enum LeaseStatus
{
    /// <summary>The node held it and still does.</summary>
    Held,

    /// <summary>Nobody held it (it had expired, or Redis lost it); the node holds it again.</summary>
    Retaken,

    /// <summary>Another node holds it: this node must stop running the match.</summary>
    Lost,
}
