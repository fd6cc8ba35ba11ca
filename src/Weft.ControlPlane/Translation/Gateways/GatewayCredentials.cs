using System.Collections.Immutable;
using Weft.Api.Model.Networking;
using Weft.ControlPlane.Translation.Security;
using Weft.Discovery.Listeners;
using Weft.Discovery.Security;

namespace Weft.ControlPlane.Translation.Gateways;

/// <summary>
/// A server's TLS from its credentialName, as Istio's gateway SDS reads it: a Secret in the
/// gateway workload's namespace (or <c>ns/name</c>, which Gateway API certificateRefs resolve to)
/// with <c>tls.crt</c> and <c>tls.key</c> (or <c>cert</c> and <c>key</c>); for MUTUAL the roots
/// in its <c>ca.crt</c> (or <c>cacert</c>), else in the Secret <c>NAME-cacert</c>. ISTIO_MUTUAL
/// uses the gateway's workload certificate and the mesh roots instead.
/// </summary>
public static class GatewayCredentials
{
    public static DownstreamTlsContext? For(ProxyBuild b, GatewayServer server)
    {
        // ISTIO_MUTUAL names no Secret: the gateway's own workload certificate, and clients must
        // present one the mesh roots vouch for (Istio's egress gateway behind a sidecar's
        // DestinationRule ISTIO_MUTUAL). Mesh TLS is 1.3 with the mesh's ciphers, whatever the server says.
        if (server.Tls is { Mode: ServerTlsMode.IstioMutual })
        {
            return new DownstreamTlsContext
            {
                Source = $"spiffe://{b.Push.TrustDomain}/ns/{b.Node.Namespace}/sa/{b.Node.ServiceAccount}",
                WorkloadCertificate = true,
            };
        }
        if (server.Tls is not { } tls || (tls.CredentialName ?? tls.CredentialNames?.FirstOrDefault()) is not { Length: > 0 } name)
            return null;
        const string GatewayScheme = "kubernetes-gateway://";
        if (name.StartsWith(GatewayScheme, StringComparison.Ordinal))
            name = name[GatewayScheme.Length..];
        var key = name.Contains('/', StringComparison.Ordinal) ? name : $"{b.Node.Namespace}/{name}";
        var secrets = b.Push.Gateways.Secrets;
        if (!secrets.TryGetValue(key, out var secret))
            return null;
        if (!SecretVersions.HasCertificate(secret))
            return null;
        SecretReference? ca = null;
        if (tls.Mode is ServerTlsMode.Mutual or ServerTlsMode.OptionalMutual)
        {
            ca = SecretVersions.HasRoots(secret) ? SecretVersions.Reference(key, secret)
                : secrets.TryGetValue(key + "-cacert", out var caSecret) && SecretVersions.HasRoots(caSecret) ? SecretVersions.Reference(key + "-cacert", caSecret)
                : null;
            if (ca is null)
                return null;
        }
        // Names, never keys: the proxy fetches them from weftd's secret endpoint (SDS), which
        // checks that its certificate may read them; the version moves when the Secret's keys do.
        return new DownstreamTlsContext
        {
            Source = key,
            CertificateSecret = SecretVersions.Reference(key, secret),
            CaSecret = ca,
            MinProtocolVersion = Version(tls.MinProtocolVersion),
            MaxProtocolVersion = Version(tls.MaxProtocolVersion),
            CipherSuites = [.. tls.CipherSuites ?? []],
        };
    }

    private static string? Version(TlsProtocolVersion? v) => v switch
    {
        TlsProtocolVersion.Tls10 => "TLSV1_0",
        TlsProtocolVersion.Tls11 => "TLSV1_1",
        TlsProtocolVersion.Tls12 => "TLSV1_2",
        TlsProtocolVersion.Tls13 => "TLSV1_3",
        _ => null,
    };

    /// <summary>The SNI names a server's chain matches: its hosts, none for <c>*</c> (any).</summary>
    public static ImmutableArray<string> ServerNames(GatewayServer server) =>
        server.Hosts.Any(h => h.Host == "*") ? [] : [.. server.Hosts.Select(h => h.Host).Distinct()];
}
