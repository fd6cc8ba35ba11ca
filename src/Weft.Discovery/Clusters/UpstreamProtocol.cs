namespace Weft.Discovery.Clusters;

public enum UpstreamProtocol
{
    /// <summary>HTTP/1.1 to the upstream.</summary>
    Http1,

    /// <summary>HTTP/2 (h2c prior knowledge in plaintext): between proxies and to gRPC apps.</summary>
    Http2,

    /// <summary>The protocol the downstream used (Istio's USE_CLIENT_PROTOCOL / auto).</summary>
    UseDownstream,

    /// <summary>Raw bytes (TCP proxying).</summary>
    Tcp,
}
