namespace Weft.Discovery.Clusters;

public enum LoadBalancerPolicy
{
    RoundRobin,

    /// <summary>Power of two choices by active requests (Istio's default, as Envoy's LEAST_REQUEST).</summary>
    LeastRequest,

    Random,

    /// <summary>Connect to the request's original destination.</summary>
    Passthrough,

    RingHash,

    Maglev,
}
