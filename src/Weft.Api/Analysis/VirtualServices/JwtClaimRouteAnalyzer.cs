using Weft.Api.Analysis.Support;
using Weft.Api.Model.Networking;
using Weft.Api.Model.Security;

namespace Weft.Api.Analysis.VirtualServices;

/// <summary>
/// A VirtualService that routes on JWT claims (<c>@request.auth.claims.*</c> headers) through a
/// gateway needs a RequestAuthentication for every workload of that gateway: without one the
/// token is never validated and the claims are never there to route on.
/// </summary>
public sealed class JwtClaimRouteAnalyzer : IAnalyzer
{
    private const string ClaimHeaderPrefix = "@request.auth.claims";

    public string Name => "virtualservice.JWTClaimRouteAnalyzer";

    public string Description => "Checks the VirtualService using JWT claim based routing has corresponding RequestAuthentication";

    public IReadOnlyList<string> Inputs => ["VirtualService", "RequestAuthentication", "Gateway", "Pod", "WorkloadEntry"];

    public void Analyze(AnalysisContext ctx)
    {
        var authentications = ctx.OfType<RequestAuthentication>().Select(r => r.Object).ToList();
        foreach (var (vs, input) in ctx.OfType<VirtualService>())
        {
            var key = ClaimKey(vs.Spec);
            if (key is null)
                continue;
            foreach (var gw in vs.Spec!.Gateways ?? [])
            {
                if (gw == Hosts.MeshGateway)
                    continue;
                var gwName = ObjectName.Parse(vs.Namespace, gw);
                // A gateway that does not exist is virtualservice.GatewayAnalyzer's finding.
                if (ctx.Find<Gateway>(gwName.Namespace, gwName.Name) is not { } gateway)
                    continue;
                foreach (var w in ctx.Workloads.Where(w => LabelSelectors.Matches(gateway.Spec?.Selector, w.Labels)))
                {
                    var authenticated = authentications.Any(ra =>
                        (ra.Namespace == ctx.Options.IstioNamespace || ra.Namespace == w.Namespace)
                        && LabelSelectors.Matches(ra.Spec?.Selector?.MatchLabels, w.Labels));
                    if (!authenticated)
                        ctx.Report(Messages.JwtClaimBasedRoutingWithoutRequestAuthN, input, null, key, gwName, w.Name);
                }
            }
        }
    }

    /// <summary>The first header (or withoutHeaders) key of an HTTP match that reads a JWT claim.</summary>
    private static string? ClaimKey(VirtualServiceSpec? spec)
    {
        foreach (var rule in spec?.Http ?? [])
            foreach (var match in rule.Match ?? [])
                foreach (var k in (match.Headers?.Keys ?? []).Concat(match.WithoutHeaders?.Keys ?? []))
                    if (k.StartsWith(ClaimHeaderPrefix, StringComparison.Ordinal))
                        return k;
        return null;
    }
}
