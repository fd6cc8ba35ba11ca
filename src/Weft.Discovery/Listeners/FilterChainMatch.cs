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

    /// <summary>SNI names from the TLS ClientHello; <c>*.example.com</c> wildcards allowed.</summary>
    public ImmutableArray<string> ServerNames { get; init; } = [];

    /// <summary>"tls" or "raw_buffer" (sniffed from the first bytes); null: either.</summary>
    public string? TransportProtocol { get; init; }
}
