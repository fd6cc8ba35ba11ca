using Weft.Api.Model.Networking;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Networking;

/// <summary>
/// A ServiceEntry: hosts (never just <c>*</c>), addresses, uniquely named and numbered ports, and
/// endpoints that fit the resolution: none for NONE, IPs for STATIC, at most one for DNS_ROUND_ROBIN.
/// </summary>
public sealed class ServiceEntryValidator : NetworkingKindValidator<ServiceEntry>
{
    internal override void Check(ServiceEntry obj, ErrorList errors)
    {
        if (obj.Spec is not { } spec)
        {
            errors.Required("spec");
            return;
        }
        var resolution = spec.Resolution ?? ServiceEntryResolution.None;
        SpecRules(errors, spec, resolution);
        Hosts(errors, spec.Hosts);
        Addresses(errors, spec.Addresses);
        var portNames = Ports(errors, spec.Ports);
        Endpoints(errors, spec, resolution, portNames);
        errors.AddRange(SelectorRules.Labels("spec.workloadSelector", spec.WorkloadSelector));
        errors.AddRange(ExportToRules.Validate("spec.exportTo", obj.Namespace, spec.ExportTo, ExportToRules.Kind.ServiceEntry));
    }

    // The CRD's CEL rules on the whole spec.
    private static void SpecRules(ErrorList errors, ServiceEntrySpec spec, ServiceEntryResolution resolution)
    {
        if (spec.WorkloadSelector is not null && spec.Endpoints is not null)
            errors.Add(Crd.Rule("spec", "object", "only one of WorkloadSelector or Endpoints can be set"));
        if (spec.Addresses?.Any(a => a.Contains('/', StringComparison.Ordinal)) == true && resolution is not (ServiceEntryResolution.None or ServiceEntryResolution.Static))
            errors.Add(Crd.Rule("spec", "object", "CIDR addresses are allowed only for NONE/STATIC resolution types"));
        if (resolution == ServiceEntryResolution.None && spec.Endpoints is not null)
            errors.Add(Crd.Rule("spec", "object", "NONE mode cannot set endpoints"));
        if (resolution == ServiceEntryResolution.DnsRoundRobin && spec.Endpoints is { Count: > 1 })
            errors.Add(Crd.Rule("spec", "object", "DNS_ROUND_ROBIN mode cannot have multiple endpoints"));
        // Plain TCP carries no host name, so several hosts on one TCP port cannot be told apart.
        if (resolution != ServiceEntryResolution.None && spec.Hosts is { Count: > 1 } && spec.Ports is { } ports)
        {
            var i = ports.ToList().FindIndex(p => PortProtocols.Parse(p.Protocol) is var pr && !pr.IsHttp() && !pr.IsTls());
            if (i >= 0)
                errors.Invalid(FieldPath.Child(FieldPath.Index("spec.ports", i), "protocol"), ports[i].Protocol ?? "",
                    "multiple hosts provided with non-HTTP, non-TLS ports");
        }
    }

    private static void Hosts(ErrorList errors, IReadOnlyList<string>? hosts)
    {
        if (hosts is null)
        {
            errors.Required("spec.hosts");
            return;
        }
        if (hosts.Count == 0)
            errors.Schema("spec.hosts", "in body should have at least 1 items");
        errors.Add(Crd.MaxItems("spec.hosts", hosts.Count, 256));
        for (var i = 0; i < hosts.Count; i++)
        {
            var at = FieldPath.Index("spec.hosts", i);
            if (hosts[i] == "*")
                errors.Add(Crd.Rule(at, "string", "hostname cannot be wildcard"));
            else
                errors.Add(HostRules.WildcardDomain(at, hosts[i]));
        }
    }

    private static void Addresses(ErrorList errors, IReadOnlyList<string>? addresses)
    {
        if (addresses is null)
            return;
        errors.Add(Crd.MaxItems("spec.addresses", addresses.Count, 256));
        for (var i = 0; i < addresses.Count; i++)
        {
            var at = FieldPath.Index("spec.addresses", i);
            errors.Add(Crd.MaxLength(at, addresses[i], 64) ?? AddressRules.IpSubnet(at, addresses[i]));
        }
    }

    private static HashSet<string> Ports(ErrorList errors, IReadOnlyList<ServicePort>? ports)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (ports is null)
            return names;
        errors.Add(Crd.MaxItems("spec.ports", ports.Count, 256));
        errors.AddRange(Crd.UniqueKeys("spec.ports", ports, "name", p => p.Name));
        if (ports.GroupBy(p => p.Number).Any(g => g.Count() > 1))
            errors.Add(Crd.Rule("spec.ports", "array", "port number cannot be duplicated"));
        for (var i = 0; i < ports.Count; i++)
        {
            var at = FieldPath.Index("spec.ports", i);
            var p = ports[i];
            var namePath = FieldPath.Child(at, "name");
            if (p.Name is null)
                errors.Required(namePath);
            else
                errors.Add(Crd.MaxLength(namePath, p.Name, 256) ?? PortRules.Name(namePath, p.Name));
            if (p.Name is not null)
                names.Add(p.Name);
            if (p.Number is null)
                errors.Required(FieldPath.Child(at, "number"));
            else if (p.Number is 0 or > 65535)
                errors.Add(Crd.Rule(FieldPath.Child(at, "number"), "integer", "port must be between 1-65535"));
            if (p.TargetPort is 0 or > 65535)
                errors.Add(Crd.Rule(FieldPath.Child(at, "targetPort"), "integer", "port must be between 1-65535"));
            errors.Add(Crd.MaxLength(FieldPath.Child(at, "protocol"), p.Protocol, 256) ?? PortRules.Protocol(FieldPath.Child(at, "protocol"), p.Protocol));
        }
        return names;
    }

    private static void Endpoints(ErrorList errors, ServiceEntrySpec spec, ServiceEntryResolution resolution, HashSet<string> portNames)
    {
        var endpoints = spec.Endpoints ?? [];
        errors.Add(Crd.MaxItems("spec.endpoints", spec.Endpoints?.Count, 4096));
        if (resolution is ServiceEntryResolution.Dns or ServiceEntryResolution.DnsRoundRobin && endpoints.Count == 0)
        {
            // Without endpoints the hosts themselves are resolved, so each must be a name DNS can answer.
            for (var i = 0; spec.Hosts is { } hosts && i < hosts.Count; i++)
                if (hosts[i] != "*" && HostRules.CheckFqdn(hosts[i]) is not null && HostRules.CheckWildcardDomain(hosts[i]) is null)
                    errors.Invalid(FieldPath.Index("spec.hosts", i), hosts[i], $"hosts must be FQDN if no endpoints are provided for resolution mode {WireNames.Of(resolution)}");
        }
        var use = resolution == ServiceEntryResolution.Static ? WorkloadEntryRules.AddressUse.IpOnly : WorkloadEntryRules.AddressUse.IpOrFqdn;
        for (var i = 0; i < endpoints.Count; i++)
            WorkloadEntryRules.Check(errors, FieldPath.Index("spec.endpoints", i), endpoints[i], use, portNames);
    }
}
