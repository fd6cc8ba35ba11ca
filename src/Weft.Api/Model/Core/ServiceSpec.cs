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

    /// <summary>Defaults to ClusterIP.</summary>
    public string? Type { get; init; }

    public IReadOnlyList<string>? ExternalIPs { get; init; }

    /// <summary>Defaults to None.</summary>
    public string? SessionAffinity { get; init; }

    public string? LoadBalancerIP { get; init; }

    public IReadOnlyList<string>? LoadBalancerSourceRanges { get; init; }

    /// <summary>The DNS name an ExternalName service is an alias (CNAME) of.</summary>
    public string? ExternalName { get; init; }

    public string? ExternalTrafficPolicy { get; init; }

    public int? HealthCheckNodePort { get; init; }

    public bool? PublishNotReadyAddresses { get; init; }

    public SessionAffinityConfig? SessionAffinityConfig { get; init; }

    public IReadOnlyList<string>? IpFamilies { get; init; }

    public string? IpFamilyPolicy { get; init; }

    public bool? AllocateLoadBalancerNodePorts { get; init; }

    public string? LoadBalancerClass { get; init; }

    public string? InternalTrafficPolicy { get; init; }

    /// <summary>PreferClose, PreferSameZone or PreferSameNode: a hint to route to nearby endpoints.</summary>
    public string? TrafficDistribution { get; init; }

    public bool IsHeadless => ClusterIP == "None";

    public string TypeOrDefault => string.IsNullOrEmpty(Type) ? ServiceTypes.ClusterIP : Type;
}

/// <summary>
/// The values Kubernetes gives the string-typed fields of a Service. They are strings in the model,
/// as in Kubernetes: an unknown value is refused by validation with the list of these, while the
/// object still loads (so analyzers can report on it too).
/// </summary>
public static class ServiceTypes
{
    public const string ClusterIP = "ClusterIP";
    public const string ExternalName = "ExternalName";
    public const string LoadBalancer = "LoadBalancer";
    public const string NodePort = "NodePort";

    /// <summary>In the order Kubernetes lists them in errors.</summary>
    public static readonly IReadOnlyList<string> All = [ClusterIP, ExternalName, LoadBalancer, NodePort];
}

public static class ServiceAffinities
{
    public const string ClientIP = "ClientIP";
    public const string None = "None";

    public static readonly IReadOnlyList<string> All = [ClientIP, None];
}

/// <summary>Cluster (any endpoint) or Local (endpoints on the receiving node only).</summary>
public static class TrafficPolicies
{
    public const string Cluster = "Cluster";
    public const string Local = "Local";

    public static readonly IReadOnlyList<string> All = [Cluster, Local];
}

public static class IPFamilies
{
    public const string IPv4 = "IPv4";
    public const string IPv6 = "IPv6";

    public static readonly IReadOnlyList<string> All = [IPv4, IPv6];
}

public static class IPFamilyPolicies
{
    public const string PreferDualStack = "PreferDualStack";
    public const string RequireDualStack = "RequireDualStack";
    public const string SingleStack = "SingleStack";

    public static readonly IReadOnlyList<string> All = [PreferDualStack, RequireDualStack, SingleStack];
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
