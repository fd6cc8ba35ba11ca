using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>
/// A Gateway: a DNS-label name, at least one server, each with hosts, a port (numbered, named
/// uniquely, of a known protocol), a bind address, and TLS exactly when the protocol needs it.
/// </summary>
public sealed class GatewayValidator : NetworkingKindValidator<Gateway>
{
    internal override void Check(Gateway obj, ErrorList errors)
    {
        // Istio derives listener and route names from it; a dot would make those ambiguous.
        if (!string.IsNullOrEmpty(obj.Metadata.Name) && !HostRules.IsDns1123Label(obj.Metadata.Name))
            errors.Invalid("metadata.name", obj.Metadata.Name, $"invalid gateway name: \"{obj.Metadata.Name}\"");
        var servers = obj.Spec?.Servers;
        if (servers is not { Count: > 0 })
        {
            errors.Required("spec.servers", "gateway must have at least one server");
            return;
        }
        var portNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < servers.Count; i++)
        {
            var at = FieldPath.Index("spec.servers", i);
            Server(errors, at, servers[i]);
            if (servers[i].Port?.Name is { } name && !portNames.Add(name))
                errors.Add(FieldError.Duplicate(FieldPath.Child(at, "port.name"), name) with
                {
                    Reason = $"Duplicate value: {FieldError.Format(name)}: port names in servers must be unique",
                });
        }
    }

    private static void Server(ErrorList errors, string path, Server server)
    {
        var hostsPath = FieldPath.Child(path, "hosts");
        if (server.Hosts is not { Count: > 0 } hosts)
            errors.Required(hostsPath, "server config must contain at least one host");
        else
            for (var i = 0; i < hosts.Count; i++)
                errors.AddRange(HostRules.NamespaceSlashHost(FieldPath.Index(hostsPath, i), hosts[i], isGateway: true));
        var portOk = Port(errors, FieldPath.Child(path, "port"), server.Port, server.Bind);
        Bind(errors, path, server);
        ServerTlsRules.Check(errors, FieldPath.Child(path, "tls"), server.Tls);
        if (portOk)
            TlsMatchesProtocol(errors, path, server);
    }

    private static bool Port(ErrorList errors, string path, Port? port, string? bind)
    {
        if (port is null)
        {
            errors.Required(path);
            return false;
        }
        var before = errors.Count;
        if (port.Number is null)
            errors.Required(FieldPath.Child(path, "number"));
        else if (port.Number > 0 || bind?.StartsWith(AddressRules.UnixPrefix, StringComparison.Ordinal) != true)
            errors.Add(Rules.Port(FieldPath.Child(path, "number"), port.Number));
        if (port.Protocol is null)
            errors.Required(FieldPath.Child(path, "protocol"));
        else if (PortProtocols.Parse(port.Protocol) == PortProtocol.Unsupported)
            errors.Add(FieldError.NotSupported(FieldPath.Child(path, "protocol"), port.Protocol, PortRules.SupportedProtocols));
        if (string.IsNullOrEmpty(port.Name))
            errors.Required(FieldPath.Child(path, "name"), "port name must be set");
        if (port.TargetPort is > 0)
            errors.Forbidden(FieldPath.Child(path, "targetPort"), "targetPort has no impact on Gateways");
        return errors.Count == before;
    }

    private static void Bind(ErrorList errors, string path, Server server)
    {
        if (string.IsNullOrEmpty(server.Bind))
            return;
        var bindPath = FieldPath.Child(path, "bind");
        if (server.Bind.StartsWith(AddressRules.UnixPrefix, StringComparison.Ordinal))
        {
            errors.Add(AddressRules.Unix(bindPath, server.Bind));
            if (server.Port?.Number is > 0)
                errors.Invalid(FieldPath.Child(path, "port.number"), server.Port.Number, "port number must be 0 for unix domain socket");
        }
        else
        {
            errors.Add(AddressRules.Ip(bindPath, server.Bind));
        }
    }

    // HTTPS and TLS servers need TLS settings; plain HTTP may only carry httpsRedirect; other protocols none.
    private static void TlsMatchesProtocol(ErrorList errors, string path, Server server)
    {
        var protocol = PortProtocols.Parse(server.Port!.Protocol);
        var tlsPath = FieldPath.Child(path, "tls");
        if (protocol.IsTls() && server.Tls is null)
        {
            errors.Required(tlsPath, "server must have TLS settings for HTTPS/TLS protocols");
        }
        else if (!protocol.IsTls() && server.Tls is { } tls)
        {
            if (!protocol.IsHttp())
                errors.Forbidden(tlsPath, "server cannot have TLS settings for non HTTPS/TLS ports");
            else if (tls.Mode is not (null or ServerTlsMode.Passthrough or ServerTlsMode.AutoPassthrough)
                || !string.IsNullOrEmpty(tls.CaCertificates) || !string.IsNullOrEmpty(tls.PrivateKey) || !string.IsNullOrEmpty(tls.ServerCertificate))
                errors.Forbidden(tlsPath, "server cannot have TLS settings for plain text HTTP ports");
        }
    }
}
