using Weft.Discovery.Telemetry;

namespace Weft.Proxy.Telemetry;

/// <summary>
/// A source peer read from a metadata-exchange header, cached by the header's value. A class
/// compared by reference, so looking up its edge per request hashes a pointer, not its fields.
/// </summary>
public sealed class KnownPeer(PeerTelemetry peer)
{
    public PeerTelemetry Peer { get; } = peer;
}
