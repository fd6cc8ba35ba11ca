using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>Port names and protocols as Istio checks them; numbers use <see cref="Rules.Port"/>.</summary>
public static class PortRules
{
    /// <summary>A port name is a DNS label (Istio's, which allows upper case).</summary>
    public static FieldError? Name(string path, string name) =>
        HostRules.IsDns1123Label(name) ? null : FieldError.Invalid(path, name, $"invalid port name: {name}");

    /// <summary>A known protocol, or empty (the proxy then sniffs the protocol).</summary>
    public static FieldError? Protocol(string path, string? protocol) =>
        !string.IsNullOrEmpty(protocol) && PortProtocols.Parse(protocol) == PortProtocol.Unsupported
            ? FieldError.NotSupported(path, protocol, SupportedProtocols)
            : null;

    /// <summary>The protocol names Istio knows (matched without regard to case).</summary>
    public static readonly IReadOnlyList<string> SupportedProtocols =
        ["HTTP", "HTTPS", "HTTP2", "HTTP_PROXY", "GRPC", "GRPC-WEB", "TCP", "TLS", "UDP", "MONGO", "REDIS", "MYSQL"];

    /// <summary>A port given as a number where 0 means "unset": only a set one is checked.</summary>
    public static FieldError? IfSet(string path, uint? port) => port is null or 0 ? null : Rules.Port(path, port);
}
