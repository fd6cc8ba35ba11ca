using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>
/// A Sidecar: something to configure, inbound and outbound listeners on distinct ports, at most
/// one catch-all egress listener (the last), and an egress proxy only when unknown hosts are allowed.
/// (That a namespace has at most one Sidecar without a selector is an analyzer's concern.)
/// </summary>
public sealed class SidecarValidator : NetworkingKindValidator<Sidecar>
{
    internal override void Check(Sidecar obj, ErrorList errors)
    {
        var spec = obj.Spec ?? new SidecarSpec();
        errors.AddRange(SelectorRules.Labels("spec.workloadSelector", spec.WorkloadSelector));
        if (spec is { Egress: not { Count: > 0 }, Ingress: not { Count: > 0 }, OutboundTrafficPolicy: null, InboundConnectionPool: null })
        {
            errors.Required("spec", "sidecar: empty configuration provided");
            return;
        }
        var ports = new HashSet<uint>();
        for (var i = 0; spec.Ingress is { } ingress && i < ingress.Count; i++)
            SidecarListenerRules.Ingress(errors, FieldPath.Index("spec.ingress", i), ingress[i], ports);
        ConnectionPoolRules.Check(errors, "spec.inboundConnectionPool", spec.InboundConnectionPool);
        Egress(errors, spec.Egress ?? []);
        OutboundTrafficPolicy(errors, spec.OutboundTrafficPolicy);
    }

    private static void Egress(ErrorList errors, IReadOnlyList<IstioEgressListener> egress)
    {
        var ports = new HashSet<uint>();
        var sockets = new HashSet<string>(StringComparer.Ordinal);
        var catchAll = false;
        for (var i = 0; i < egress.Count; i++)
        {
            var at = FieldPath.Index("spec.egress", i);
            if (egress[i].Port is null)
            {
                // The listener without a port catches everything the others do not: one, and last.
                if (catchAll)
                {
                    errors.Forbidden(at, "sidecar: egress can have only one listener with empty port");
                    continue;
                }
                if (i == egress.Count - 1)
                    catchAll = true;
                else
                    errors.Forbidden(at, "sidecar: the egress listener with empty port should be the last listener in the list");
            }
            SidecarListenerRules.Egress(errors, at, egress[i], ports, sockets);
        }
    }

    private static void OutboundTrafficPolicy(ErrorList errors, OutboundTrafficPolicy? policy)
    {
        if (policy?.EgressProxy is not { } proxy)
            return;
        const string path = "spec.outboundTrafficPolicy.egressProxy";
        if (policy.Mode != OutboundTrafficPolicyMode.AllowAny)
        {
            errors.Forbidden(path, "sidecar: egress_proxy must be set only with ALLOW_ANY outbound_traffic_policy mode");
            return;
        }
        if (proxy.Host is { } host)
            errors.Add(HostRules.Fqdn(FieldPath.Child(path, "host"), host));
        if (proxy.Port is null)
        {
            errors.Required(FieldPath.Child(path, "port"), "sidecar: egress_proxy port must be non-nil");
            return;
        }
        DestinationRules.Check(errors, path, proxy);
    }
}
