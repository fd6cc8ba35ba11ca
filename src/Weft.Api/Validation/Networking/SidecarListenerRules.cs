using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>
/// A Sidecar's listeners. Inbound: a port, a bind IP, a default endpoint on the workload's
/// loopback (or a Unix socket), TLS without what only gateways support. Outbound: a port (or
/// none, for the catch-all), a bind IP or Unix socket, and <c>namespace/host</c>s.
/// </summary>
internal static class SidecarListenerRules
{
    // The workload's own loopback or wildcard address: where a sidecar can reach the application.
    private static readonly string[] LocalHosts = ["127.0.0.1", "0.0.0.0", "::1", "::"];

    public static void Ingress(ErrorList errors, string path, IstioIngressListener listener, HashSet<uint> ports)
    {
        var portPath = FieldPath.Child(path, "port");
        if (listener.Port is not { } port)
        {
            errors.Required(portPath, "sidecar: port is required for ingress listeners");
            return;
        }
        if (port.TargetPort is > 0)
            errors.Forbidden(FieldPath.Child(portPath, "targetPort"), "targetPort has no impact on Sidecars");
        PortNameAndProtocol(errors, portPath, port);
        errors.Add(Rules.Port(FieldPath.Child(portPath, "number"), port.Number ?? 0));
        Bind(errors, FieldPath.Child(path, "bind"), listener.Bind);
        if (!ports.Add(port.Number ?? 0))
            errors.Add(FieldError.Duplicate(FieldPath.Child(portPath, "number"), port.Number ?? 0) with
            {
                Reason = $"Duplicate value: {port.Number ?? 0}: sidecar: ports on IP bound listeners must be unique",
            });
        DefaultEndpoint(errors, FieldPath.Child(path, "defaultEndpoint"), listener.DefaultEndpoint);
        IngressTls(errors, FieldPath.Child(path, "tls"), listener.Tls);
        ConnectionPoolRules.Check(errors, FieldPath.Child(path, "connectionPool"), listener.ConnectionPool);
    }

    public static void Egress(ErrorList errors, string path, IstioEgressListener listener, HashSet<uint> ports, HashSet<string> sockets)
    {
        if (listener.Port is { } port)
        {
            var portPath = FieldPath.Child(path, "port");
            if (port.TargetPort is > 0)
                errors.Forbidden(FieldPath.Child(portPath, "targetPort"), "targetPort has no impact on Sidecars");
            PortNameAndProtocol(errors, portPath, port);
            var bindPath = FieldPath.Child(path, "bind");
            var bind = listener.Bind ?? "";
            if (port.Number is null or 0)
            {
                // Port 0 means a Unix domain socket listener, named by its bind address.
                if (!bind.StartsWith(AddressRules.UnixPrefix, StringComparison.Ordinal))
                    errors.Required(bindPath, "sidecar: ports with 0 value must have a unix domain socket bind address");
                else
                    errors.Add(AddressRules.Unix(bindPath, bind));
                if (listener.CaptureMode is not (null or CaptureMode.Default or CaptureMode.None))
                    errors.Invalid(FieldPath.Child(path, "captureMode"), WireNames.Of(listener.CaptureMode.Value), "sidecar: captureMode must be DEFAULT/NONE for unix domain socket listeners");
                if (!sockets.Add(bind))
                    errors.Add(FieldError.Duplicate(bindPath, bind) with { Reason = $"Duplicate value: {FieldError.Format(bind)}: sidecar: unix domain socket values for listeners must be unique" });
            }
            else
            {
                errors.Add(Rules.Port(FieldPath.Child(portPath, "number"), port.Number));
                Bind(errors, bindPath, listener.Bind);
                if (!ports.Add(port.Number.Value))
                    errors.Add(FieldError.Duplicate(FieldPath.Child(portPath, "number"), port.Number.Value) with
                    {
                        Reason = $"Duplicate value: {port.Number.Value}: sidecar: ports on IP bound listeners must be unique",
                    });
            }
        }
        var hostsPath = FieldPath.Child(path, "hosts");
        if (listener.Hosts is not { Count: > 0 } hosts)
            errors.Required(hostsPath, "sidecar: egress listener must contain at least one host");
        else
            for (var i = 0; i < hosts.Count; i++)
                errors.AddRange(HostRules.NamespaceSlashHost(FieldPath.Index(hostsPath, i), hosts[i], isGateway: false));
    }

    private static void PortNameAndProtocol(ErrorList errors, string path, SidecarPort port)
    {
        if (!string.IsNullOrEmpty(port.Name))
            errors.Add(PortRules.Name(FieldPath.Child(path, "name"), port.Name));
        errors.Add(PortRules.Protocol(FieldPath.Child(path, "protocol"), port.Protocol));
    }

    private static void Bind(ErrorList errors, string path, string? bind)
    {
        if (!string.IsNullOrEmpty(bind))
            errors.Add(AddressRules.Ip(path, bind));
    }

    private static void DefaultEndpoint(ErrorList errors, string path, string? endpoint)
    {
        if (string.IsNullOrEmpty(endpoint))
            return;
        if (endpoint.StartsWith(AddressRules.UnixPrefix, StringComparison.Ordinal))
        {
            errors.Add(AddressRules.Unix(path, endpoint));
            return;
        }
        // host:port with host 127.0.0.1, 0.0.0.0, [::1], [::] or empty.
        var colon = endpoint.LastIndexOf(':');
        if (colon < 0)
        {
            errors.Invalid(path, endpoint, $"address {endpoint}: missing port in address");
            return;
        }
        var host = endpoint[..colon];
        var portText = endpoint[(colon + 1)..];
        if (host.StartsWith('[') && host.EndsWith(']'))
            host = host[1..^1];
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            errors.Invalid(path, endpoint, $"address {endpoint}: too many colons in address");
            return;
        }
        if (host.Length > 0 && !LocalHosts.Contains(host))
            errors.Invalid(path, endpoint, "sidecar: defaultEndpoint must be of form 127.0.0.1:<port>,0.0.0.0:<port>,[::1]:port,[::]:port,unix://filepath or unset");
        if (!int.TryParse(portText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var port))
            errors.Invalid(path, endpoint, $"sidecar: defaultEndpoint port ({portText}) is not a number");
        else if (port is < 1 or > 65535)
            errors.Invalid(path, endpoint, "port must be between 1-65535");
    }

    // A sidecar terminates TLS for its own workload only: no SNI routing, redirects or remote credentials.
    private static void IngressTls(ErrorList errors, string path, ServerTlsSettings? tls)
    {
        if (tls is null)
            return;
        if (tls.SubjectAltNames is { Count: > 0 })
            errors.Forbidden(FieldPath.Child(path, "subjectAltNames"), "sidecar: subjectAltNames is not supported in ingress tls");
        if (tls.HttpsRedirect == true)
            errors.Forbidden(FieldPath.Child(path, "httpsRedirect"), "sidecar: httpsRedirect is not supported");
        if (!string.IsNullOrEmpty(tls.CredentialName))
            errors.Forbidden(FieldPath.Child(path, "credentialName"), "sidecar: credentialName is not currently supported");
        if (tls.Mode is ServerTlsMode.IstioMutual or ServerTlsMode.AutoPassthrough)
            errors.Invalid(FieldPath.Child(path, "mode"), WireNames.Of(tls.Mode.Value), $"configuration is invalid: cannot set mode to {WireNames.Of(tls.Mode.Value)} in sidecar ingress tls");
        ServerTlsRules.Check(errors, path, tls);
    }
}
