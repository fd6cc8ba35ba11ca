using System.Collections.Frozen;
using System.Collections.Immutable;
using Weft.Api.Model.GatewayApi;

namespace Weft.ControlPlane.Translation.Gateways;

/// <summary>
/// Gateway API references across objects: backendRefs to Services (or Istio's
/// <c>networking.istio.io/Hostname</c> for ServiceEntry hosts) and certificateRefs to Secrets,
/// with ReferenceGrant required whenever the target lives in another namespace.
/// </summary>
public sealed class BackendResolver(FrozenDictionary<string, MeshService> services, ImmutableArray<ReferenceGrant> grants, IReadOnlySet<string> secrets)
{
    /// <summary>A resolved backend: its hostname and port, or why it cannot be used (a ResolvedRefs reason and message).</summary>
    public sealed record Backend(string? Host, int? Port, string? Reason, string? Message)
    {
        public bool Valid => Reason is null;
    }

    public Backend Resolve(string fromKind, string fromNamespace, string? group, string? kind, string? name, string? ns, int? port)
    {
        group ??= "";
        kind ??= "Service";
        var targetNs = string.IsNullOrEmpty(ns) ? fromNamespace : ns;
        if (group == "networking.istio.io" && kind == "Hostname")
            return services.ContainsKey(name ?? "") ? new(name, port, null, null) : new(null, null, "BackendNotFound", $"hostname {name} is not in the registry");
        if (group.Length > 0 || kind != "Service")
            return new(null, null, "InvalidKind", $"referencing unsupported backendRef: group \"{group}\" kind \"{kind}\"");
        if (targetNs != fromNamespace && !Granted(fromKind, fromNamespace, "", "Service", targetNs, name))
            return new(null, null, "RefNotPermitted", $"backendRef {name}/{targetNs} not accessible to a {fromKind} in namespace \"{fromNamespace}\" (missing a ReferenceGrant?)");
        var host = HostNames.ServiceFqdn(name ?? "", targetNs);
        if (!services.TryGetValue(host, out var service))
            return new(null, null, "BackendNotFound", $"backend({host}) not found");
        if (port is null)
            return new(null, null, "UnsupportedValue", $"backendRef {name} needs a port");
        if (service.Port(port.Value) is null)
            return new(null, null, "BackendNotFound", $"backend({host}) has no port {port}");
        return new(host, port, null, null);
    }

    /// <summary>A listener's certificateRef: <c>ns/name</c> of a Secret the Gateway may read, or the reason it may not.</summary>
    public (string? Secret, string? Reason, string? Message) Certificate(string gatewayNamespace, SecretObjectReference r)
    {
        if (!string.IsNullOrEmpty(r.Group) || (r.Kind ?? "Secret") != "Secret")
            return (null, "InvalidCertificateRef", $"certificateRef {r.Kind} {r.Name} is not a core Secret");
        var ns = string.IsNullOrEmpty(r.Namespace) ? gatewayNamespace : r.Namespace;
        if (ns != gatewayNamespace && !Granted("Gateway", gatewayNamespace, "", "Secret", ns, r.Name))
            return (null, "RefNotPermitted", $"certificateRef {ns}/{r.Name} not accessible to a Gateway in namespace \"{gatewayNamespace}\" (missing a ReferenceGrant?)");
        var key = $"{ns}/{r.Name}";
        return secrets.Contains(key) ? (key, null, null) : (null, "InvalidCertificateRef", $"invalid certificate reference Secret {key}, secret not found");
    }

    private bool Granted(string fromKind, string fromNamespace, string toGroup, string toKind, string toNamespace, string? toName)
    {
        foreach (var g in grants)
        {
            if (g.Namespace != toNamespace || g.Spec is not { } spec)
                continue;
            var from = (spec.From ?? []).Any(f => f.Group == GatewayApiDefaults.Group && f.Kind == fromKind && f.Namespace == fromNamespace);
            var to = (spec.To ?? []).Any(t => (t.Group ?? "") == toGroup && t.Kind == toKind && (string.IsNullOrEmpty(t.Name) || t.Name == toName));
            if (from && to)
                return true;
        }
        return false;
    }
}
