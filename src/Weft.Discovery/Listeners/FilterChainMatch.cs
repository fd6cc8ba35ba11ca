using System.Collections.Immutable;

namespace Weft.Discovery.Listeners;

/// <summary>
/// Which connections a chain takes. Every set field must fit (AND); an empty list or null
/// field matches anything. For a CONNECT tunnel the destination is the CONNECT target; for a
/// listener socket it is the listener's own port.
/// </summary>
public sealed record FilterChainMatch
{
    public int? DestinationPort { get; init; }

    /// <summary>Host names or IPs the destination must be (CONNECT target); empty: any.</summary>
    public ImmutableArray<string> DestinationHosts { get; init; } = [];

    /// <summary>
    /// CIDR ranges (<c>10.1.0.0/16</c>) the destination IP must fall in (a CONNECT target that is an
    /// IP, or an intercepted connection's original destination); empty: any. Chains are tried in
    /// order, so the control plane lists longer prefixes first (Envoy's most specific match).
    /// Left out of the JSON when unset, so snapshots without ranges read as before.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public ImmutableArray<string> PrefixRanges { get; init; }

    /// <summary>SNI names from the TLS ClientHello; <c>*.example.com</c> wildcards allowed.</summary>
    public ImmutableArray<string> ServerNames { get; init; } = [];

    /// <summary>"tls" or "raw_buffer" (sniffed from the first bytes); null: either.</summary>
    public string? TransportProtocol { get; init; }
}
