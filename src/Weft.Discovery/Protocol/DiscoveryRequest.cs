using Weft.Discovery.Snapshot;

namespace Weft.Discovery.Protocol;

/// <summary>
/// Proxy to control plane, as xDS's DiscoveryRequest. The first message of a stream is the
/// hello: it carries Node (and VersionInfo of the snapshot the proxy already serves, if any).
/// Every later one answers a snapshot: ACK when ErrorDetail is null (VersionInfo is the new
/// version), NACK otherwise (VersionInfo stays the last good version, ErrorDetail says why).
/// </summary>
public sealed record DiscoveryRequest
{
    public NodeInfo? Node { get; init; }

    public string VersionInfo { get; init; } = "";

    /// <summary>The nonce of the snapshot being answered; empty in the hello.</summary>
    public string ResponseNonce { get; init; } = "";

    public string? ErrorDetail { get; init; }

    /// <summary>A health report of the workload's probe (neither ACK nor NACK; sent on every change and after each hello).</summary>
    public WorkloadHealthReport? Health { get; init; }
}
