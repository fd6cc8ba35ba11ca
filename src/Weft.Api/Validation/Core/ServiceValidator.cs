using Weft.Api.Model.Core;

namespace Weft.Api.Validation.Core;

/// <summary>
/// core/v1 Service as the Kubernetes API server validates it (ValidateService), after its
/// defaults (type ClusterIP, protocol TCP, targetPort = port): ports named and unique, protocols,
/// port ranges, what each type allows (ExternalName needs externalName and no cluster IP, node
/// ports not on ClusterIP, headless not on NodePort/LoadBalancer), affinity, IP families.
/// </summary>
public sealed class ServiceValidator : KindValidator<Service>
{
    private static readonly string[] TrafficDistributions = ["PreferClose", "PreferSameNode", "PreferSameZone"];

    public override IEnumerable<FieldError> Validate(Service obj, ValidationContext ctx)
    {
        var e = new List<FieldError>();
        var spec = obj.Spec ?? new ServiceSpec();
        var type = spec.TypeOrDefault;
        if (!ServiceTypes.All.Contains(type))
            e.Add(FieldError.NotSupported("spec.type", type, ServiceTypes.All));
        var ports = spec.Ports ?? [];
        if (ports.Count == 0 && !spec.IsHeadless && type != ServiceTypes.ExternalName)
            e.Add(FieldError.Required("spec.ports"));
        ByType(e, spec, type);
        Ports(e, ports, type);
        e.AddRange(Rules.Labels("spec.selector", spec.Selector));
        Affinity(e, spec);
        Addresses(e, spec);
        TrafficPolicies(e, spec, type);
        LoadBalancerOnly(e, spec, type);
        if (spec.TrafficDistribution is { Length: > 0 } td && !TrafficDistributions.Contains(td))
            e.Add(FieldError.NotSupported("spec.trafficDistribution", td, TrafficDistributions));
        return e;
    }

    private static void ByType(List<FieldError> e, ServiceSpec spec, string type)
    {
        switch (type)
        {
            case ServiceTypes.LoadBalancer when spec.IsHeadless:
                e.Add(FieldError.Invalid("spec.clusterIP", "None", "may not be set to 'None' for LoadBalancer services"));
                break;
            case ServiceTypes.NodePort when spec.IsHeadless:
                e.Add(FieldError.Invalid("spec.clusterIP", "None", "may not be set to 'None' for NodePort services"));
                break;
            case ServiceTypes.ExternalName:
                if (!string.IsNullOrEmpty(spec.ClusterIP))
                    e.Add(FieldError.Forbidden("spec.clusterIP", "may not be set for ExternalName services"));
                if (spec.ClusterIPs is { Count: > 0 })
                    e.Add(FieldError.Forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
                if (spec.IpFamilies is { Count: > 0 })
                    e.Add(FieldError.Forbidden("spec.ipFamilies", "may not be set for ExternalName services"));
                if (!string.IsNullOrEmpty(spec.IpFamilyPolicy))
                    e.Add(FieldError.Forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"));
                if (string.IsNullOrEmpty(spec.ExternalName))
                    e.Add(FieldError.Required("spec.externalName"));
                // A trailing dot (an absolute DNS name) is allowed.
                else
                    e.AddIf(Rules.Dns1123Subdomain("spec.externalName", spec.ExternalName.TrimEnd('.')));
                break;
        }
    }

    private static void Ports(List<FieldError> e, IReadOnlyList<ServicePort> ports, string type)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var portKeys = new HashSet<(int, string)>();
        var nodePortKeys = new HashSet<(int, string)>();
        for (var i = 0; i < ports.Count; i++)
        {
            var p = ports[i];
            var at = FieldPath.Index("spec.ports", i);
            if (string.IsNullOrEmpty(p.Name))
            {
                if (ports.Count > 1)
                    e.Add(FieldError.Required(FieldPath.Child(at, "name")));
            }
            else
            {
                e.AddIf(Rules.Dns1123Label(FieldPath.Child(at, "name"), p.Name));
                if (!names.Add(p.Name))
                    e.Add(FieldError.Duplicate(FieldPath.Child(at, "name"), p.Name));
            }
            if (p.Port is not { } port)
                e.Add(FieldError.Required(FieldPath.Child(at, "port")));
            else
                e.AddIf(CoreRules.PortNumber(FieldPath.Child(at, "port"), port));
            var protocol = p.ProtocolOrDefault;
            if (!Protocols.All.Contains(protocol))
                e.Add(FieldError.NotSupported(FieldPath.Child(at, "protocol"), protocol, Protocols.All));
            if (p.AppProtocol is { } appProtocol)
                e.AddIf(Rules.QualifiedName(FieldPath.Child(at, "appProtocol"), appProtocol));
            if (p.TargetPort is { } target)
            {
                // 0 and "" mean "the same as port", as Kubernetes defaults them.
                if (target.IsInt && target.IntValue != 0)
                    e.AddIf(CoreRules.PortNumber(FieldPath.Child(at, "targetPort"), target.IntValue));
                else if (!target.IsInt && target.StringValue is { Length: > 0 } targetName)
                    e.AddRange(CoreRules.PortName(FieldPath.Child(at, "targetPort"), targetName));
            }
            if (p.NodePort is { } nodePort and not 0)
            {
                if (type is ServiceTypes.ClusterIP)
                    e.Add(FieldError.Forbidden(FieldPath.Child(at, "nodePort"), "may not be used when `type` is 'ClusterIP'"));
                e.AddIf(CoreRules.PortNumber(FieldPath.Child(at, "nodePort"), nodePort));
                if (!nodePortKeys.Add((nodePort, protocol)))
                    e.Add(FieldError.Duplicate(FieldPath.Child(at, "nodePort"), nodePort));
            }
            if (p.Port is { } number && !portKeys.Add((number, protocol)))
                e.Add(FieldError.Duplicate(at, $"{number}/{protocol}"));
        }
    }

    private static void Affinity(List<FieldError> e, ServiceSpec spec)
    {
        var affinity = string.IsNullOrEmpty(spec.SessionAffinity) ? ServiceAffinities.None : spec.SessionAffinity;
        if (!ServiceAffinities.All.Contains(affinity))
        {
            e.Add(FieldError.NotSupported("spec.sessionAffinity", affinity, ServiceAffinities.All));
            return;
        }
        if (affinity == ServiceAffinities.None && spec.SessionAffinityConfig is not null)
            e.Add(FieldError.Forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None"));
        if (affinity == ServiceAffinities.ClientIP && spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds is { } timeout && timeout is <= 0 or > 86400)
            e.Add(FieldError.Invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout, "must be greater than 0 and less than 86400"));
    }

    private static void Addresses(List<FieldError> e, ServiceSpec spec)
    {
        if (spec.ClusterIP is { Length: > 0 } clusterIP && !spec.IsHeadless && !Rules.IsIp(clusterIP))
            e.Add(FieldError.Invalid("spec.clusterIP", clusterIP, "must be empty, 'None', or a valid IP address"));
        if (spec.ClusterIPs is { Count: > 0 } clusterIPs)
        {
            if (clusterIPs.Count > 2)
                e.Add(FieldError.TooMany("spec.clusterIPs", clusterIPs.Count, 2));
            if (!string.IsNullOrEmpty(spec.ClusterIP) && clusterIPs[0] != spec.ClusterIP)
                e.Add(FieldError.Invalid("spec.clusterIPs[0]", clusterIPs[0], "must match `clusterIP`"));
            for (var i = 0; i < clusterIPs.Count; i++)
            {
                if (clusterIPs[i] == "None" && clusterIPs.Count == 1)
                    continue;
                if (!Rules.IsIp(clusterIPs[i]))
                    e.Add(FieldError.Invalid(FieldPath.Index("spec.clusterIPs", i), clusterIPs[i], "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
            }
        }
        if (spec.ExternalIPs is { } externalIPs)
            for (var i = 0; i < externalIPs.Count; i++)
                if (!Rules.IsIp(externalIPs[i]))
                    e.Add(FieldError.Invalid(FieldPath.Index("spec.externalIPs", i), externalIPs[i], "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
        if (spec.IpFamilies is { } families)
        {
            if (families.Count > 2)
                e.Add(FieldError.TooMany("spec.ipFamilies", families.Count, 2));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < families.Count; i++)
            {
                var path = FieldPath.Index("spec.ipFamilies", i);
                if (!IPFamilies.All.Contains(families[i]))
                    e.Add(FieldError.NotSupported(path, families[i], IPFamilies.All));
                else if (!seen.Add(families[i]))
                    e.Add(FieldError.Duplicate(path, families[i]));
            }
        }
        if (spec.IpFamilyPolicy is { Length: > 0 } policy && !IPFamilyPolicies.All.Contains(policy))
            e.Add(FieldError.NotSupported("spec.ipFamilyPolicy", policy, IPFamilyPolicies.All));
    }

    private static void TrafficPolicies(List<FieldError> e, ServiceSpec spec, string type)
    {
        var externallyAccessible = type is ServiceTypes.LoadBalancer or ServiceTypes.NodePort
            || (type == ServiceTypes.ClusterIP && spec.ExternalIPs is { Count: > 0 });
        if (spec.ExternalTrafficPolicy is { Length: > 0 } etp)
        {
            if (!externallyAccessible)
                e.Add(FieldError.Invalid("spec.externalTrafficPolicy", etp, "may only be set for externally-accessible services"));
            else if (!Model.Core.TrafficPolicies.All.Contains(etp))
                e.Add(FieldError.NotSupported("spec.externalTrafficPolicy", etp, Model.Core.TrafficPolicies.All));
        }
        if (spec.HealthCheckNodePort is { } hc and not 0 && !(type == ServiceTypes.LoadBalancer && spec.ExternalTrafficPolicy == Model.Core.TrafficPolicies.Local))
            e.Add(FieldError.Invalid("spec.healthCheckNodePort", hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
        if (spec.InternalTrafficPolicy is { Length: > 0 } itp && !Model.Core.TrafficPolicies.All.Contains(itp))
            e.Add(FieldError.NotSupported("spec.internalTrafficPolicy", itp, Model.Core.TrafficPolicies.All));
    }

    private static void LoadBalancerOnly(List<FieldError> e, ServiceSpec spec, string type)
    {
        var loadBalancer = type == ServiceTypes.LoadBalancer;
        const string onlyLoadBalancer = "may only be used when `type` is 'LoadBalancer'";
        if (spec.LoadBalancerSourceRanges is { Count: > 0 } ranges)
        {
            if (!loadBalancer)
                e.Add(FieldError.Forbidden("spec.loadBalancerSourceRanges", onlyLoadBalancer));
            for (var i = 0; i < ranges.Count; i++)
                if (!Rules.IsCidr(ranges[i].Trim()))
                    e.Add(FieldError.Invalid(FieldPath.Index("spec.loadBalancerSourceRanges", i), ranges[i], "must be a list of IP ranges. For example, 10.240.0.0/24,10.250.0.0/24 "));
        }
        if (spec.LoadBalancerClass is { } lbClass)
        {
            if (!loadBalancer)
                e.Add(FieldError.Forbidden("spec.loadBalancerClass", onlyLoadBalancer));
            e.AddIf(Rules.QualifiedName("spec.loadBalancerClass", lbClass));
        }
        if (spec.AllocateLoadBalancerNodePorts is not null && !loadBalancer)
            e.Add(FieldError.Forbidden("spec.allocateLoadBalancerNodePorts", onlyLoadBalancer));
    }
}
