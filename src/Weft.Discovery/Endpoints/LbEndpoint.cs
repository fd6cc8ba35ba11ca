using System.Collections.Immutable;

namespace Weft.Discovery.Endpoints;

/// <summary>One upstream address, with what load balancing and identity checks need.</summary>
public sealed record LbEndpoint
{
    public required string Address { get; init; }

    public required int Port { get; init; }

    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public EndpointHealth Health { get; init; } = EndpointHealth.Healthy;

    /// <summary>Relative weight (1..128 in Envoy's spirit); 1 by default.</summary>
    public int Weight { get; init; } = 1;

    /// <summary>The workload's SPIFFE identity, checked when mTLS is on.</summary>
    public string? Identity { get; init; }

    /// <summary>The workload's name, for telemetry and the admin view.</summary>
    public string? Workload { get; init; }

    /// <summary>
    /// <c>istio</c> when the endpoint runs a sidecar that accepts mesh mTLS (Istio's tlsMode
    /// endpoint metadata): auto mTLS originates ISTIO_MUTUAL to it. Null: plaintext only.
    /// </summary>
    public string? TlsMode { get; init; }
}
