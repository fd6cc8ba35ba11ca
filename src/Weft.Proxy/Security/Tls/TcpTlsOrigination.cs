using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Weft.Discovery.Clusters;
using Weft.Identity.Certificates;

namespace Weft.Proxy.Security.Tls;

/// <summary>
/// TLS origination for plain TCP traffic (a DestinationRule's <c>tls</c> SIMPLE or MUTUAL on a TCP
/// port, Envoy's UpstreamTlsContext on a tcp_proxy cluster): the roots from the rule's file or its
/// credentialName Secret (an empty set trusts nothing, never the system's roots once named), the
/// client certificate for MUTUAL, <c>sni</c> as the server name. The server is believed when its
/// chain leads to those roots and, when subjectAltNames are given, it names one of them; else,
/// with an <c>sni</c>, it must be that name; without either, the chain alone (Envoy checks no host
/// name unless told to). <c>insecureSkipVerify</c> accepts any certificate.
/// </summary>
public static class TcpTlsOrigination
{
    /// <exception cref="AuthenticationException">A file or PEM of the rule does not load (the connection fails closed, saying why).</exception>
    public static SslClientAuthenticationOptions Options(UpstreamTlsSettings tls, IReadOnlySet<string> sans)
    {
        try
        {
            return Build(tls, sans);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new AuthenticationException($"the cluster's TLS certificates do not load: {e.Message}", e);
        }
    }

    private static SslClientAuthenticationOptions Build(UpstreamTlsSettings tls, IReadOnlySet<string> sans)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = tls.Sni ?? "",
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            ApplicationProtocols = tls.AlpnProtocols.IsDefaultOrEmpty ? null : [.. tls.AlpnProtocols.Select(p => new SslApplicationProtocol(p))],
        };
        X509Certificate2Collection? roots = null;
        if (tls.CaCertificates is { } file)
        {
            roots = [];
            roots.ImportFromPemFile(file);
        }
        if (tls.CaCertificatesPem is { } pem)
        {
            roots = [];
            if (pem.Length > 0)
                roots.ImportFromPem(pem);
        }
        if (roots is not null)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck, DisableCertificateDownloads = true };
            policy.CustomTrustStore.AddRange(roots);
            options.CertificateChainPolicy = policy;
        }
        if (tls.Mode == TlsMode.Mutual)
        {
            using var ephemeral = tls.ClientCertificatePem is { } certPem && tls.PrivateKeyPem is { } keyPem ? X509Certificate2.CreateFromPem(certPem, keyPem)
                : tls.ClientCertificate is { } certFile ? X509Certificate2.CreateFromPemFile(certFile, tls.PrivateKey)
                : null;
            // A PKCS#12 round trip gives the key a home, which a client certificate needs on every platform.
            if (ephemeral is not null)
                options.ClientCertificates = [X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null)];
        }
        var emptyTrust = roots is { Count: 0 };
        options.RemoteCertificateValidationCallback = (_, peer, _, errors) =>
        {
            if (tls.InsecureSkipVerify)
                return true;
            if (peer is null || emptyTrust)
                return false;
            if (sans.Count > 0 || tls.Sni is null)
                errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
            if (sans.Count > 0)
            {
                var names = SubjectAltNames.Of(peer as X509Certificate2 ?? new X509Certificate2(peer));
                if (!names.Uris.Any(sans.Contains) && !names.DnsNames.Any(sans.Contains))
                    return false;
            }
            return errors == SslPolicyErrors.None;
        };
        return options;
    }
}
