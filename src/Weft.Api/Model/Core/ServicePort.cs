using Weft.Api.Binding;

namespace Weft.Api.Model.Core;

/// <summary>One port of a Service. Istio reads the protocol from <see cref="AppProtocol"/>, else from the name's prefix (<c>http-web</c>).</summary>
[WireNullsAreAbsent]
public sealed record ServicePort
{
    public string? Name { get; init; }

    /// <summary>Defaults to <see cref="Protocol.TCP"/>.</summary>
    public Protocol? Protocol { get; init; }

    /// <summary>The application protocol: an IANA name (<c>http</c>, <c>grpc</c>) or a domain-prefixed one (<c>kubernetes.io/h2c</c>).</summary>
    public string? AppProtocol { get; init; }

    public int? Port { get; init; }

    /// <summary>A number or the name of a container port; defaults to <see cref="Port"/>.</summary>
    public IntOrString? TargetPort { get; init; }

    public int? NodePort { get; init; }
}

/// <summary>The transport protocols of a port, in the order Kubernetes lists them in errors.</summary>
public enum Protocol
{
    SCTP,
    TCP,
    UDP,
}
