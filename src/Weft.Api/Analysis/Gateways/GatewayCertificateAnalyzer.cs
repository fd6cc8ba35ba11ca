using Weft.Api.Analysis.Support;
using Weft.Api.Model.Networking;

namespace Weft.Api.Analysis.Gateways;

/// <summary>
/// Two Gateways on the same workloads (one's selector is a subset of the other's) should not serve
/// the same certificate: a client reusing an HTTP/2 connection for the other host gets a 404.
/// </summary>
public sealed class GatewayCertificateAnalyzer : IAnalyzer
{
    public string Name => "gateway.CertificateAnalyzer";

    public string Description => "Checks a gateway certificate";

    public IReadOnlyList<string> Inputs => ["Gateway"];

    public void Analyze(AnalysisContext ctx)
    {
        var gateways = ctx.OfType<Gateway>().ToList();
        foreach (var (gw, input) in gateways)
        {
            var self = new ObjectName(gw.Namespace, gw.Name);
            foreach (var (other, _) in gateways)
            {
                var otherName = new ObjectName(other.Namespace, other.Name);
                if (otherName == self || !LabelSelectors.IsSubsetOf(gw.Spec?.Selector, other.Spec?.Selector))
                    continue;
                foreach (var a in gw.Spec?.Servers ?? [])
                    foreach (var b in other.Spec?.Servers ?? [])
                        if (a.Tls is not null && b.Tls is not null && SameCertificate(a.Tls, b.Tls))
                            ctx.Report(Messages.GatewayDuplicateCertificate, input, "metadata.name", new List<string> { self.ToString(), otherName.ToString() });
            }
        }
    }

    /// <summary>The same credential, or (without credentials) the same certificate and key files.</summary>
    private static bool SameCertificate(ServerTlsSettings a, ServerTlsSettings b)
    {
        var (ca, cb) = (a.CredentialName ?? "", b.CredentialName ?? "");
        if (ca.Length > 0 && cb.Length > 0)
            return ca == cb;
        if (ca.Length > 0 || cb.Length > 0)
            return false;
        var (sa, sb) = (a.ServerCertificate ?? "", b.ServerCertificate ?? "");
        var (ka, kb) = (a.PrivateKey ?? "", b.PrivateKey ?? "");
        return sa.Length > 0 && sa == sb && ka.Length > 0 && ka == kb;
    }
}
