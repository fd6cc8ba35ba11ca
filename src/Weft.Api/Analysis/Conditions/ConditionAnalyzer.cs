using Weft.Api.Documents;
using Weft.Api.Model;
using Weft.Api.Model.Core;
using Weft.Api.Model.GatewayApi;
using Weft.Api.Model.Networking;
using Weft.Api.Model.Security;
using KubernetesGateway = Weft.Api.Model.GatewayApi.Gateway;

namespace Weft.Api.Analysis.Conditions;

/// <summary>
/// Status conditions the control plane wrote that say something is wrong: a service not bound to
/// its waypoint, a policy a data plane did not accept (or accepted only in part), a Gateway or route
/// not accepted, programmed or resolved. Conditions of other controllers are left alone.
/// </summary>
public sealed class ConditionAnalyzer : IAnalyzer
{
    private static readonly string[] GatewayApiConditions = ["Accepted", "Programmed", "ResolvedRefs"];

    public string Name => "conditions.ConditionAnalyzer";

    public string Description => "Checks for negative status conditions on resources";

    public IReadOnlyList<string> Inputs => ["Service", "ServiceEntry", "AuthorizationPolicy", "gateway.networking.k8s.io/Gateway", "HTTPRoute", "GRPCRoute"];

    public void Analyze(AnalysisContext ctx)
    {
        foreach (var input in ctx.Inputs)
        {
            var (status, negative) = input.Object switch
            {
                Service s => (Conditions(s.Status), (Func<string, bool>)(t => t == "istio.io/WaypointBound")),
                ServiceEntry s => (Conditions(s.Status), t => t == "istio.io/WaypointBound"),
                AuthorizationPolicy p => (Conditions(p.Status), t => t is "ZtunnelAccepted" or "WaypointAccepted"),
                KubernetesGateway g => (Conditions(g.Status), t => GatewayApiConditions.Contains(t)),
                HTTPRoute r => (ParentConditions(r.Status), t => GatewayApiConditions.Contains(t)),
                GRPCRoute r => (ParentConditions(r.Status), t => GatewayApiConditions.Contains(t)),
                _ => ([], _ => false),
            };
            foreach (var c in status)
            {
                var type = c.GetString("type") ?? "";
                var reason = c.GetString("reason") ?? "";
                // A waypoint that accepted a policy only in part says so with a positive status.
                var partial = input.Object is AuthorizationPolicy && type == "WaypointAccepted" && reason == "PartiallyInvalid";
                if ((negative(type) && c.GetString("status") == "False") || partial)
                    ctx.Report(Messages.NegativeConditionStatus, input, "status", type, reason, c.GetString("message") ?? "");
            }
        }
    }

    private static List<MapNode> Conditions(FreeForm? status) =>
        ((status?.Node as MapNode)?["conditions"] as SeqNode)?.Items.OfType<MapNode>().ToList() ?? [];

    private static List<MapNode> ParentConditions(FreeForm? status) =>
        ((status?.Node as MapNode)?["parents"] as SeqNode)?.Items.OfType<MapNode>()
            .SelectMany(p => (p["conditions"] as SeqNode)?.Items.OfType<MapNode>() ?? []).ToList() ?? [];
}
