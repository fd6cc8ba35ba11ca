using Weft.Api.Analysis.Support;
using Weft.Api.Model.Networking;

namespace Weft.Api.Analysis.DestinationRules;

/// <summary>
/// A DestinationRule that originates TLS (SIMPLE or MUTUAL) names the CA certificates to verify the
/// server with; without them the server's identity goes unchecked. A credential on a rule that
/// selects workloads (a gateway's) brings its own CA, and <c>insecureSkipVerify</c> says it is meant.
/// </summary>
public sealed class CaCertificateAnalyzer : IAnalyzer
{
    public string Name => "destinationrule.CaCertificateAnalyzer";

    public string Description => "Checks if caCertificates is set when TLS mode is SIMPLE/MUTUAL";

    public IReadOnlyList<string> Inputs => ["DestinationRule"];

    public void Analyze(AnalysisContext ctx)
    {
        foreach (var (dr, input) in ctx.OfType<DestinationRule>())
        {
            var spec = dr.Spec;
            var name = new ObjectName(dr.Namespace, dr.Name);
            var host = spec?.Host ?? "";
            if (Unverified(spec?.TrafficPolicy?.Tls, spec) is { } mode)
                ctx.Report(Messages.NoServerCertificateVerificationDestinationLevel, input, "spec.trafficPolicy.tls.mode", name, dr.Namespace, mode, host);
            var ports = spec?.TrafficPolicy?.PortLevelSettings ?? [];
            for (var i = 0; i < ports.Count; i++)
                if (Unverified(ports[i].Tls, spec) is { } portMode)
                    ctx.Report(Messages.NoServerCertificateVerificationPortLevel, input, $"spec.trafficPolicy.portLevelSettings[{i}].tls.mode",
                        name, dr.Namespace, portMode, host, $"number:{ports[i].Port?.Number ?? 0}");
        }
    }

    /// <summary>The TLS mode's name when it originates TLS without a way to verify the server; null otherwise.</summary>
    private static string? Unverified(ClientTlsSettings? tls, DestinationRuleSpec? spec)
    {
        if (tls?.Mode is not (ClientTlsMode.Simple or ClientTlsMode.Mutual))
            return null;
        if (!string.IsNullOrEmpty(tls.CaCertificates) || tls.InsecureSkipVerify == true)
            return null;
        if (!string.IsNullOrEmpty(tls.CredentialName) && spec?.WorkloadSelector is not null)
            return null;
        return tls.Mode == ClientTlsMode.Simple ? "SIMPLE" : "MUTUAL";
    }
}
