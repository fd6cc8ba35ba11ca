namespace Weft.ControlPlane.Translation;

/// <summary>Envoy/Istio cluster names, so config dumps read like Istio's.</summary>
public static class ClusterNames
{
    public const string BlackHole = "BlackHoleCluster";
    public const string Passthrough = "PassthroughCluster";

    public static string Outbound(int port, string subset, string host) => $"outbound|{port}|{subset}|{host}";

    public static string Inbound(int port) => $"inbound|{port}||";
}
