using Weft.Api.Model.Networking;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Networking;

/// <summary>A traffic policy (of a rule, a subset, or a port) and its tunnel settings.</summary>
internal static class TrafficPolicyRules
{
    public static void Check(ErrorList errors, string path, TrafficPolicy? policy, string ns)
    {
        if (policy is null)
            return;
        if (policy is { LoadBalancer: null, ConnectionPool: null, OutlierDetection: null, Tls: null, PortLevelSettings: null, Tunnel: null, ProxyProtocol: null, RetryBudget: null })
        {
            errors.Required(path, "traffic policy must have at least one field");
            return;
        }
        if (policy.Tunnel is not null && policy.ProxyProtocol is not null)
        {
            errors.Forbidden(FieldPath.Child(path, "proxyProtocol"), "tunnel and proxyProtocol must not be set together");
            return;
        }
        OutlierDetectionRules.Check(errors, FieldPath.Child(path, "outlierDetection"), policy.OutlierDetection);
        ConnectionPoolRules.Check(errors, FieldPath.Child(path, "connectionPool"), policy.ConnectionPool);
        LoadBalancerRules.Check(errors, FieldPath.Child(path, "loadBalancer"), policy.LoadBalancer);
        ClientTlsRules.Check(errors, FieldPath.Child(path, "tls"), policy.Tls, ns);
        PortLevel(errors, FieldPath.Child(path, "portLevelSettings"), policy.PortLevelSettings, ns);
        Tunnel(errors, FieldPath.Child(path, "tunnel"), policy.Tunnel);
        if (policy.RetryBudget is { } budget)
        {
            errors.Add(Bounds.Between(FieldPath.Child(path, "retryBudget.percent"), budget.Percent, 0, 100));
            errors.Add(DurationRules.Valid(FieldPath.Child(path, "retryBudget.budgetInterval"), budget.BudgetInterval));
        }
    }

    private static void PortLevel(ErrorList errors, string path, IReadOnlyList<PortTrafficPolicy>? policies, string ns)
    {
        if (policies is null)
            return;
        errors.Add(Crd.MaxItems(path, policies.Count, 4096));
        for (var i = 0; i < policies.Count; i++)
        {
            var at = FieldPath.Index(path, i);
            var p = policies[i];
            if (p.Port is null)
                errors.Required(FieldPath.Child(at, "port"), "portTrafficPolicy must have valid port");
            else
                errors.Add(Rules.Port(FieldPath.Child(at, "port.number"), p.Port.Number ?? 0));
            if (p is { OutlierDetection: null, ConnectionPool: null, LoadBalancer: null, Tls: null })
            {
                errors.Required(at, "port traffic policy must have at least one field");
                continue;
            }
            OutlierDetectionRules.Check(errors, FieldPath.Child(at, "outlierDetection"), p.OutlierDetection);
            ConnectionPoolRules.Check(errors, FieldPath.Child(at, "connectionPool"), p.ConnectionPool);
            LoadBalancerRules.Check(errors, FieldPath.Child(at, "loadBalancer"), p.LoadBalancer);
            ClientTlsRules.Check(errors, FieldPath.Child(at, "tls"), p.Tls, ns);
        }
    }

    // Tunnelling goes through an HTTP proxy at targetHost:targetPort with CONNECT or POST.
    private static void Tunnel(ErrorList errors, string path, TunnelSettings? tunnel)
    {
        if (tunnel is null)
            return;
        if (!string.IsNullOrEmpty(tunnel.Protocol) && tunnel.Protocol is not ("CONNECT" or "POST"))
            errors.Add(FieldError.NotSupported(FieldPath.Child(path, "protocol"), tunnel.Protocol, ["CONNECT", "POST"]));
        var hostPath = FieldPath.Child(path, "targetHost");
        if (tunnel.TargetHost is not { } host)
            errors.Required(hostPath);
        else if (HostRules.CheckFqdn(host) is { } fqdn && AddressRules.CheckIp(host) is { } ip)
            errors.Invalid(hostPath, host, $"tunnel target host must be valid FQDN or IP address: {fqdn}; {ip}");
        var portPath = FieldPath.Child(path, "targetPort");
        if (tunnel.TargetPort is null)
            errors.Required(portPath);
        else
            errors.Add(Rules.Port(portPath, tunnel.TargetPort));
    }
}
