using Weft.Api.Binding;

namespace Weft.Api.Model.Core;

/// <summary>Every field of core/v1 ServiceSpec.</summary>
[WireNullsAreAbsent]
public sealed record ServiceSpec
{
    public IReadOnlyList<ServicePort>? Ports { get; init; }

    /// <summary>Labels of the pods (or workload entries) behind the service; none means endpoints are managed by hand.</summary>
    public IReadOnlyDictionary<string, string>? Selector { get; init; }

    /// <summary>An IP, "None" (headless), or empty (allocated).</summary>
    public string? ClusterIP { get; init; }

    public IReadOnlyList<string>? ClusterIPs { get; init; }

    /// <summary>Defaults to <see cref="ServiceType.ClusterIP"/>.</summary>
    public ServiceType? Type { get; init; }

    public IReadOnlyList<string>? ExternalIPs { get; init; }

    /// <summary>Defaults to <see cref="ServiceAffinity.None"/>.</summary>
    public ServiceAffinity? SessionAffinity { get; init; }

    public string? LoadBalancerIP { get; init; }

    public IReadOnlyList<string>? LoadBalancerSourceRanges { get; init; }

    /// <summary>The DNS name an ExternalName service is an alias (CNAME) of.</summary>
    public string? ExternalName { get; init; }

    public TrafficPolicy? ExternalTrafficPolicy { get; init; }

    public int? HealthCheckNodePort { get; init; }

    public bool? PublishNotReadyAddresses { get; init; }

    public SessionAffinityConfig? SessionAffinityConfig { get; init; }

    public IReadOnlyList<IPFamily>? IpFamilies { get; init; }

    public IPFamilyPolicy? IpFamilyPolicy { get; init; }

    public bool? AllocateLoadBalancerNodePorts { get; init; }

    public string? LoadBalancerClass { get; init; }

    public TrafficPolicy? InternalTrafficPolicy { get; init; }

    /// <summary>PreferClose, PreferSameZone or PreferSameNode: a hint to route to nearby endpoints.</summary>
    public string? TrafficDistribution { get; init; }

    public bool IsHeadless => ClusterIP == "None";

    public ServiceType TypeOrDefault => Type ?? ServiceType.ClusterIP;
}

/// <summary>The types of service, in the order Kubernetes lists them in errors.</summary>
public enum ServiceType
{
    ClusterIP,
    ExternalName,
    LoadBalancer,
    NodePort,
}

public enum ServiceAffinity
{
    ClientIP,
    None,
}

/// <summary>Cluster (any endpoint) or Local (endpoints on the receiving node only).</summary>
public enum TrafficPolicy
{
    Cluster,
    Local,
}

public enum IPFamily
{
    IPv4,
    IPv6,
}

public enum IPFamilyPolicy
{
    PreferDualStack,
    RequireDualStack,
    SingleStack,
}

[WireNullsAreAbsent]
public sealed record SessionAffinityConfig
{
    public ClientIPConfig? ClientIP { get; init; }
}

[WireNullsAreAbsent]
public sealed record ClientIPConfig
{
    /// <summary>How long a client sticks to an endpoint: 1..86400 seconds, 10800 by default.</summary>
    public int? TimeoutSeconds { get; init; }
}
