using Weft.Api.Analysis.Support;
using Weft.Api.Model.Networking;
using Weft.Api.Validation.Networking;

namespace Weft.Api.Analysis.VirtualServices;

/// <summary>
/// No two VirtualServices bound to the mesh gateway (no gateways, or <c>mesh</c> among them) define
/// the same host in the same scope: which one applies would be undefined.
/// </summary>
public sealed class ConflictingMeshGatewayHostsAnalyzer : IAnalyzer
{
    public string Name => "virtualservice.ConflictingMeshGatewayHostsAnalyzer";

    public string Description => "Checks if multiple virtual services associated with the mesh gateway have conflicting hosts";

    public IReadOnlyList<string> Inputs => ["VirtualService"];

    public void Analyze(AnalysisContext ctx)
    {
        var byHost = new Dictionary<(string Scope, string Host), List<(VirtualService Vs, AnalysisInput Input)>>();
        var order = new List<(string Scope, string Host)>();
        foreach (var (vs, input) in ctx.OfType<VirtualService>())
        {
            var gateways = vs.Spec?.Gateways ?? [];
            if (gateways.Count > 0 && !gateways.Contains(Hosts.MeshGateway))
                continue;
            foreach (var scope in ServiceRegistry.Scopes(vs.Spec?.ExportTo, vs.Namespace))
            {
                foreach (var h in vs.Spec?.Hosts ?? [])
                {
                    var key = (scope, Hosts.ToFqdn(vs.Namespace, h, ctx.Options.DomainSuffix));
                    if (!byHost.TryGetValue(key, out var list))
                    {
                        byHost[key] = list = [];
                        order.Add(key);
                    }
                    list.Add((vs, input));
                }
            }
        }
        var reported = new HashSet<AnalysisInput>(ReferenceEqualityComparer.Instance);
        foreach (var key in order)
        {
            // A host visible in one namespace also conflicts with the overlapping hosts visible everywhere.
            var list = new List<(VirtualService Vs, AnalysisInput Input)>(byHost[key]);
            if (key.Scope != Hosts.ExportToAll)
                foreach (var other in order.Where(k => k.Scope == Hosts.ExportToAll && HostNames.Matches(key.Host, k.Host)))
                    list.AddRange(byHost[other]);
            if (list.Count < 2)
                continue;
            var names = string.Join(",", list.Select(x => new ObjectName(x.Vs.Namespace, x.Vs.Name)));
            foreach (var (_, input) in list)
                if (reported.Add(input))
                    ctx.Report(Messages.ConflictingMeshGatewayVirtualServiceHosts, input, "metadata.name", names, $"{key.Scope}/{key.Host}");
        }
    }
}
