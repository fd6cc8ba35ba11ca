using System.Text.Json;

namespace Weft.Discovery.Protocol;

/// <summary>
/// Control plane to proxy: the proxy's whole snapshot (state of the world) at a version, with
/// a nonce the proxy echoes. The snapshot travels as raw JSON so that a snapshot the proxy
/// cannot decode can still be NACKed by nonce.
/// </summary>
public sealed record DiscoveryResponse
{
    public required string VersionInfo { get; init; }

    public required string Nonce { get; init; }

    public required JsonElement Snapshot { get; init; }
}
