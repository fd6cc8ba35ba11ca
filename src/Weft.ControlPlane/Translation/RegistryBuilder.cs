using System.Collections.Immutable;
using Weft.Api.Model.Core;
using Weft.Api.Model.Mesh;
using Weft.Api.Model.Networking;
using Weft.ControlPlane.Config;

namespace Weft.ControlPlane.Translation;

/// <summary>Reads services and workloads out of one config snapshot (Istio's service registries, flattened).</summary>
internal static class RegistryBuilder
{
    /// <summary>The annotation a core Service uses for exportTo (Istio's networking.istio.io/exportTo).</summary>
    public const string ExportToAnnotation = "networking.istio.io/exportTo";

    public static ImmutableArray<WorkloadInstance> Workloads(ConfigSnapshot config)
    {
        var list = ImmutableArray.CreateBuilder<WorkloadInstance>();
        foreach (var we in config.OfType<WorkloadEntry>())
        {
            if (we.Spec?.Address is not { Length: > 0 } address)
                continue;
            list.Add(Instance(we.Spec, we.Name, we.Namespace, address) with { Annotations = (we.Metadata.Annotations ?? new Dictionary<string, string>()).ToImmutableSortedDictionary(StringComparer.Ordinal), Healthy = !ReportsUnhealthy(we.Status) });
        }
        return list.ToImmutable();
    }

    /// <summary>Istio's WorkloadEntry health: a status condition of type Healthy whose status is "False".</summary>
    private static bool ReportsUnhealthy(Weft.Api.Model.FreeForm? status)
    {
        if ((status?.Node as Weft.Api.Documents.MapNode)?["conditions"] is not Weft.Api.Documents.SeqNode conditions)
            return false;
        foreach (var c in conditions.Items.OfType<Weft.Api.Documents.MapNode>())
            if (c.GetString("type") == "Healthy")
                return c.GetString("status") == "False";
        return false;
    }

    public static WorkloadInstance Instance(WorkloadEntrySpec spec, string name, string ns, string address) => new()
    {
        Name = name,
        Namespace = ns,
        Address = address,
        Labels = (spec.Labels ?? new Dictionary<string, string>()).ToImmutableSortedDictionary(StringComparer.Ordinal),
        Ports = (spec.Ports ?? new Dictionary<string, uint>()).ToImmutableSortedDictionary(kv => kv.Key, kv => (int)kv.Value, StringComparer.Ordinal),
        ServiceAccount = string.IsNullOrEmpty(spec.ServiceAccount) ? "default" : spec.ServiceAccount,
        // Istio: weight 0 or unset means 1.
        Weight = spec.Weight is > 0 ? (int)Math.Min(spec.Weight.Value, int.MaxValue) : 1,
        Network = spec.Network ?? "",
        Locality = spec.Locality ?? "",
    };

    public static ImmutableArray<MeshService> Services(ConfigSnapshot config, MeshConfig mesh)
    {
        var list = new List<MeshService>();
        foreach (var svc in config.OfType<Service>())
        {
            var spec = svc.Spec;
            if (spec is null || spec.TypeOrDefault == ServiceTypes.ExternalName)
                continue;
            var ports = ImmutableArray.CreateBuilder<MeshServicePort>();
            foreach (var p in spec.Ports ?? [])
            {
                if (p.Port is not { } number)
                    continue;
                var protocol = PortProtocolOf.ServicePort(p.Name, p.AppProtocol, p.Protocol);
                if (protocol == PortProtocol.Udp)
                    continue; // Istio does not proxy UDP.
                var target = p.TargetPort is { } t && !(t.IsInt && t.IntValue == 0) ? t.ToString() : null;
                ports.Add(new MeshServicePort(p.Name ?? "", number, protocol, target));
            }
            var annotation = svc.Metadata.Annotation(ExportToAnnotation);
            var exportTo = annotation is null ? null : annotation.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            list.Add(new MeshService
            {
                Hostname = HostNames.ServiceFqdn(svc.Name, svc.Namespace),
                Namespace = svc.Namespace,
                Name = svc.Name,
                Ports = ports.ToImmutable(),
                ExportTo = Visibility.Of(exportTo, mesh.DefaultServiceExportTo, svc.Namespace),
                // A Service without a selector has no endpoints Istio can find (it would read Endpoints objects).
                Selector = spec.Selector is { Count: > 0 } sel ? sel : null,
                // Its cluster IP (given, or allocated by weftd's ClusterIPs/ClusterIPWriter): every sidecar's DNS proxy answers it.
                AutoAddress = spec.IsHeadless || !System.Net.IPAddress.TryParse(spec.ClusterIP, out _) ? null : spec.ClusterIP,
                Source = "Service",
            });
        }
        foreach (var se in config.OfType<ServiceEntry>())
        {
            var spec = se.Spec;
            if (spec?.Hosts is not { Count: > 0 } hosts)
                continue;
            var ports = ImmutableArray.CreateBuilder<MeshServicePort>();
            foreach (var p in spec.Ports ?? [])
            {
                if (p.Number is not { } number)
                    continue;
                var protocol = PortProtocols.Parse(p.Protocol);
                if (protocol == PortProtocol.Udp)
                    continue;
                ports.Add(new MeshServicePort(p.Name ?? "", (int)number, protocol, p.TargetPort is > 0 ? p.TargetPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
            }
            var inline = ImmutableArray.CreateBuilder<WorkloadInstance>();
            var i = 0;
            foreach (var ep in spec.Endpoints ?? [])
            {
                if (ep.Address is { Length: > 0 } address)
                    inline.Add(Instance(ep, $"{se.Name}-{i}", se.Namespace, address));
                i++;
            }
            foreach (var host in hosts)
            {
                list.Add(new MeshService
                {
                    Hostname = host.ToLowerInvariant(),
                    Namespace = se.Namespace,
                    Name = se.Name,
                    Ports = ports.ToImmutable(),
                    ExportTo = Visibility.Of(spec.ExportTo, mesh.DefaultServiceExportTo, se.Namespace),
                    Selector = spec.WorkloadSelector?.Labels is { } sel ? sel : null,
                    InlineEndpoints = inline.ToImmutable(),
                    Resolution = spec.Resolution ?? ServiceEntryResolution.None,
                    MeshExternal = (spec.Location ?? ServiceEntryLocation.MeshExternal) == ServiceEntryLocation.MeshExternal,
                    // CIDR ranges match TCP destinations in Istio; a call by name or single VIP is what explicit interception sees.
                    Addresses = [.. (spec.Addresses ?? []).Where(a => System.Net.IPAddress.TryParse(a, out _))],
                    AddressRanges = [.. (spec.Addresses ?? []).Where(Egress.AddressRangeChains.IsRange)],
                    AutoAddress = Egress.AutoAddresses.Eligible(se, host) ? Egress.AutoAddresses.Of(se).GetValueOrDefault(host.ToLowerInvariant()) : null,
                    Source = "ServiceEntry",
                });
            }
        }
        return [.. list.OrderBy(s => s.Hostname, StringComparer.Ordinal).ThenBy(s => s.Namespace, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The endpoints of one service port: the workloads it selects (WorkloadEntries of its own
    /// namespace, as Istio) and a ServiceEntry's own endpoints. The port is the workload's port
    /// named like the service port, else the target port (a number, or a name in the workload's
    /// ports), else the service port.
    /// </summary>
    public static ImmutableArray<ServiceEndpoint> Endpoints(MeshService service, MeshServicePort port, ImmutableArray<WorkloadInstance> workloads)
    {
        var list = ImmutableArray.CreateBuilder<ServiceEndpoint>();
        foreach (var w in service.InlineEndpoints)
            list.Add(new ServiceEndpoint(w, PortOf(w, port)));
        if (service.Selector is { } selector)
        {
            foreach (var w in workloads)
                if (w.Namespace == service.Namespace && Labels.Match(selector, w.Labels))
                    list.Add(new ServiceEndpoint(w, PortOf(w, port)));
        }
        // A DNS ServiceEntry with no endpoints resolves its own host name.
        if (list.Count == 0 && service.Resolution is ServiceEntryResolution.Dns or ServiceEntryResolution.DnsRoundRobin
            && service.Source == "ServiceEntry" && !service.Hostname.StartsWith('*'))
        {
            // Its port is the target port when one is set (the TLS origination task maps 80 to 443).
            var self = new WorkloadInstance { Name = service.Hostname, Namespace = service.Namespace, Address = service.Hostname };
            list.Add(new ServiceEndpoint(self, PortOf(self, port)));
        }
        return list.ToImmutable();
    }

    internal static int PortOf(WorkloadInstance w, MeshServicePort port)
    {
        if (port.Name.Length > 0 && w.Ports.TryGetValue(port.Name, out var named))
            return named;
        if (port.TargetPort is { } target)
        {
            if (int.TryParse(target, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                return n;
            if (w.Ports.TryGetValue(target, out var byTarget))
                return byTarget;
        }
        return port.Port;
    }
}
