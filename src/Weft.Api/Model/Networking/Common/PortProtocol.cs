namespace Weft.Api.Model.Networking;

/// <summary>
/// What a port's <c>protocol</c> string means, as Istio reads it (case-insensitive). Unknown names
/// are <see cref="Unsupported"/>; an empty protocol means "sniff", which callers handle first.
/// </summary>
public enum PortProtocol
{
    Unsupported,
    Http,
    Http2,
    HttpProxy,
    Https,
    Grpc,
    GrpcWeb,
    Tcp,
    Tls,
    Udp,
    Mongo,
    Redis,
    MySql,
}

/// <summary>Parsing and classifying <see cref="PortProtocol"/>s.</summary>
public static class PortProtocols
{
    public static PortProtocol Parse(string? protocol) => protocol?.ToUpperInvariant() switch
    {
        "HTTP" => PortProtocol.Http,
        "HTTP2" => PortProtocol.Http2,
        "HTTP_PROXY" => PortProtocol.HttpProxy,
        "HTTPS" => PortProtocol.Https,
        "GRPC" => PortProtocol.Grpc,
        "GRPC-WEB" => PortProtocol.GrpcWeb,
        "TCP" => PortProtocol.Tcp,
        "TLS" => PortProtocol.Tls,
        "UDP" => PortProtocol.Udp,
        "MONGO" => PortProtocol.Mongo,
        "REDIS" => PortProtocol.Redis,
        "MYSQL" => PortProtocol.MySql,
        _ => PortProtocol.Unsupported,
    };

    /// <summary>Carried over HTTP (any version) by the proxy.</summary>
    public static bool IsHttp(this PortProtocol p) =>
        p is PortProtocol.Http or PortProtocol.Http2 or PortProtocol.HttpProxy or PortProtocol.Grpc or PortProtocol.GrpcWeb;

    /// <summary>TLS on the wire, routed by SNI unless terminated.</summary>
    public static bool IsTls(this PortProtocol p) => p is PortProtocol.Https or PortProtocol.Tls;

    /// <summary>Opaque to the proxy above TCP.</summary>
    public static bool IsTcp(this PortProtocol p) =>
        p is PortProtocol.Tcp or PortProtocol.Https or PortProtocol.Tls or PortProtocol.Mongo or PortProtocol.Redis or PortProtocol.MySql;
}
