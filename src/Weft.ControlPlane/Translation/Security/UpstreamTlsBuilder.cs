using System.Collections.Immutable;
using Weft.Api.Model.Networking;
using Weft.Discovery.Clusters;

namespace Weft.ControlPlane.Translation.Security;

/// <summary>
/// A cluster's upstream TLS, as Istio's cluster builder sets its transport socket: the
/// DestinationRule's <c>tls</c> when it has one (DISABLE is plaintext), else auto mTLS: ISTIO_MUTUAL
/// to the endpoints that run a sidecar (their <c>tlsMode: istio</c>), plaintext to the rest. The
/// server's identity must be one of the service's service accounts (Istio's SAN check), unless
/// the rule names its own <c>subjectAltNames</c>.
/// </summary>
public static class UpstreamTlsBuilder
{
    public static UpstreamTlsSettings? For(ProxyBuild b, MeshService service, MeshServicePort port, string subset, ClientTlsSettings? tls, ImmutableArray<ServiceEndpoint> endpoints, UpstreamProtocol protocol)
    {
        var sni = $"outbound_.{port.Port}_.{subset}_.{service.Hostname}";
        if (tls is not null)
        {
            var mode = tls.Mode ?? ClientTlsMode.Disable;
            if (mode == ClientTlsMode.Disable)
                return null;
            var sans = tls.SubjectAltNames is { Count: > 0 } given ? [.. given] : mode == ClientTlsMode.IstioMutual ? ServiceAccounts(b, service, port) : ImmutableArray<string>.Empty;
            return mode switch
            {
                ClientTlsMode.IstioMutual => new UpstreamTlsSettings { Mode = TlsMode.IstioMutual, Sni = string.IsNullOrEmpty(tls.Sni) ? sni : tls.Sni, SubjectAltNames = sans },
                _ => new UpstreamTlsSettings
                {
                    Mode = mode == ClientTlsMode.Mutual ? TlsMode.Mutual : TlsMode.Simple,
                    Sni = string.IsNullOrEmpty(tls.Sni) ? null : tls.Sni,
                    SubjectAltNames = sans,
                    CaCertificates = string.IsNullOrEmpty(tls.CaCertificates) ? null : tls.CaCertificates,
                    ClientCertificate = mode == ClientTlsMode.Mutual && !string.IsNullOrEmpty(tls.ClientCertificate) ? tls.ClientCertificate : null,
                    PrivateKey = mode == ClientTlsMode.Mutual && !string.IsNullOrEmpty(tls.PrivateKey) ? tls.PrivateKey : null,
                    InsecureSkipVerify = tls.InsecureSkipVerify == true,
                }.WithCredential(b, tls.CredentialName, mode == ClientTlsMode.Mutual),
            };
        }
        // Auto mTLS. The proxy's TCP relay speaks plaintext upstream, so only HTTP clusters get it;
        // an inbound port left PERMISSIVE accepts both.
        if (protocol == UpstreamProtocol.Tcp || service.MeshExternal || !endpoints.Any(b.HasSidecar))
            return null;
        return new UpstreamTlsSettings { Mode = TlsMode.IstioMutual, Auto = true, Sni = sni, SubjectAltNames = ServiceAccounts(b, service, port) };
    }

    /// <summary>A DestinationRule's credentialName replaces its files (Egress/ClientCredentials).</summary>
    private static UpstreamTlsSettings WithCredential(this UpstreamTlsSettings files, ProxyBuild b, string? credentialName, bool mutual) =>
        string.IsNullOrEmpty(credentialName) ? files : Egress.ClientCredentials.Apply(b, files, credentialName, mutual);

    /// <summary>The SPIFFE ids of every workload behind the service port, sorted (Istio's service accounts of a service).</summary>
    private static ImmutableArray<string> ServiceAccounts(ProxyBuild b, MeshService service, MeshServicePort port) =>
        [.. b.Push.Endpoints(service, port.Port)
            .Select(e => $"spiffe://{b.Push.TrustDomain}/ns/{e.Workload.Namespace}/sa/{e.Workload.ServiceAccount}")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
}
