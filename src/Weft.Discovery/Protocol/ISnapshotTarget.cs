using Weft.Discovery.Snapshot;

namespace Weft.Discovery.Protocol;

/// <summary>What a <see cref="DiscoveryClient"/> feeds: the proxy's runtime.</summary>
public interface ISnapshotTarget
{
    /// <summary>The version serving now (sent in the hello), or null before the first snapshot.</summary>
    string? CurrentVersion { get; }

    /// <summary>Makes a validated snapshot live. Null when it is; otherwise why not (the NACK's reason).</summary>
    Task<string?> ApplyAsync(ProxySnapshot snapshot, CancellationToken ct);
}
