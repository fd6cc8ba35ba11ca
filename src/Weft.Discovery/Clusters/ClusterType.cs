namespace Weft.Discovery.Clusters;

public enum ClusterType
{
    /// <summary>Endpoints come from the snapshot's ClusterLoadAssignment.</summary>
    Eds,

    /// <summary>Connect to the address the client asked for (PassthroughCluster, ALLOW_ANY).</summary>
    OriginalDestination,

    /// <summary>Refuse everything (BlackHoleCluster, REGISTRY_ONLY): 502 for HTTP, close for TCP.</summary>
    BlackHole,
}
