using Weft.Api.Binding;

namespace Weft.Api.Model.Core;

/// <summary>One port of a Service. Istio reads the protocol from <see cref="AppProtocol"/>, else from the name's prefix (<c>http-web</c>).</summary>
[WireNullsAreAbsent]
public sealed record ServicePort
{
    public string? Name { get; init; }

    /// <summary>Defaults to TCP.</summary>
    public string? Protocol { get; init; }

    /// <summary>The application protocol: an IANA name (<c>http</c>, <c>grpc</c>) or a domain-prefixed one (<c>kubernetes.io/h2c</c>).</summary>
    public string? AppProtocol { get; init; }

    public int? Port { get; init; }

    /// <summary>A number or the name of a container port; defaults to <see cref="Port"/>.</summary>
    public IntOrString? TargetPort { get; init; }

    public int? NodePort { get; init; }

    public string ProtocolOrDefault => string.IsNullOrEmpty(Protocol) ? Protocols.TCP : Protocol;
}

/// <summary>The transport protocols of a port, in the order Kubernetes lists them in errors.</summary>
public static class Protocols
{
    public const string SCTP = "SCTP";
    public const string TCP = "TCP";
    public const string UDP = "UDP";

    public static readonly IReadOnlyList<string> All = [SCTP, TCP, UDP];
}
