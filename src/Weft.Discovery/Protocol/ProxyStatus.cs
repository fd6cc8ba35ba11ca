using Weft.Discovery.Snapshot;

namespace Weft.Discovery.Protocol;

/// <summary>
/// The server's view of one proxy, for <c>weft proxy-status</c>: connected or not, the version
/// last sent (the latest this proxy should run) against the version it acknowledged, and its
/// last NACK.
/// </summary>
public sealed record ProxyStatus
{
    public required string Id { get; init; }
    public required NodeInfo Node { get; init; }
    public required string Peer { get; init; }

    /// <summary>The SPIFFE identity the proxy's workload certificate proved on weftd's TLS port; null: a plaintext (h2c) stream that proved nothing.</summary>
    public string? Identity { get; init; }

    public bool Connected { get; init; }
    public DateTimeOffset ConnectedAt { get; init; }
    public DateTimeOffset? DisconnectedAt { get; init; }
    public string? SentVersion { get; init; }
    public string? SentNonce { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? AckedVersion { get; init; }
    public DateTimeOffset? AckedAt { get; init; }
    public NackInfo? LastNack { get; init; }
    public long Pushes { get; init; }

    /// <summary>The last health report of the proxy's WorkloadGroup probe; null when it runs none.</summary>
    public WorkloadHealthReport? Health { get; init; }

    /// <summary>Whether the proxy runs what it was last sent.</summary>
    public bool InSync => SentVersion is not null && SentVersion == AckedVersion;
}

public sealed record NackInfo(string Version, string Nonce, string Error, DateTimeOffset At);
