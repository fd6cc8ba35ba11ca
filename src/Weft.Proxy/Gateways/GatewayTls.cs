using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.Discovery.Listeners;

namespace Weft.Proxy.Gateways;

/// <summary>
/// A chain's <see cref="DownstreamTlsContext"/> compiled once per snapshot: the certificate (with
/// its intermediates) loaded from PEM, the protocol range, cipher suites and ALPN, and for
/// MUTUAL the roots client certificates must chain to. A certificate or key that does not load
/// refuses the snapshot, saying which chain and secret.
/// </summary>
public sealed class GatewayTls
{
    private readonly SslServerAuthenticationOptions _options;
    private readonly DownstreamTlsContext? _fromSecrets;
    private readonly string _chain = "";

    private GatewayTls(SslServerAuthenticationOptions options, X509Certificate2 certificate, string source)
    {
        _options = options;
        Certificate = certificate;
        Source = source;
    }

    /// <summary>A chain whose certificate is a Secret the proxy fetches (SDS): resolved at each handshake, so a rotation applies to new connections.</summary>
    private GatewayTls(DownstreamTlsContext fromSecrets, string chain)
    {
        _options = new SslServerAuthenticationOptions();
        _fromSecrets = fromSecrets;
        _chain = chain;
        Certificate = null!;
        Source = fromSecrets.Source;
    }

    /// <summary>ISTIO_MUTUAL: the workload certificate and the mesh roots (<see cref="Security.Tls.MeshTls"/>), nothing of its own.</summary>
    private GatewayTls(string source)
    {
        _options = new SslServerAuthenticationOptions();
        Certificate = null!;
        Source = source;
        UsesWorkloadCertificate = true;
    }

    /// <summary>ISTIO_MUTUAL: the connection is mesh TLS, terminated with the workload certificate; <see cref="OptionsFor"/> does not apply.</summary>
    public bool UsesWorkloadCertificate { get; }

    /// <summary>The options for the next handshake: compiled ones, or the current Secret's from <paramref name="secrets"/> (null while it is not there).</summary>
    public SslServerAuthenticationOptions? OptionsFor(Security.Secrets.SecretStore? secrets) =>
        _fromSecrets is null ? _options : secrets?.ServerOptions(_fromSecrets, _chain);

    public X509Certificate2 Certificate { get; }

    /// <summary>The secret the certificate came from (<c>ns/name</c>).</summary>
    public string Source { get; }

    /// <summary>Options for one handshake (SslStream takes them per connection; everything in them is shared and immutable).</summary>
    public SslServerAuthenticationOptions Options => _options;

    /// <exception cref="InvalidOperationException">The certificate, key, roots or settings cannot be used.</exception>
    public static GatewayTls Compile(DownstreamTlsContext tls, string chain)
    {
        if (tls.WorkloadCertificate)
            return new GatewayTls(tls.Source);
        if (tls.CertificateSecret is not null && tls.CertificateChain.Length == 0)
            return new GatewayTls(tls, chain);
        X509Certificate2 certificate;
        var intermediates = new X509Certificate2Collection();
        try
        {
            using var pem = X509Certificate2.CreateFromPem(tls.CertificateChain, tls.PrivateKey);
            // An ephemeral key cannot serve TLS everywhere; a PKCS#12 round trip gives it a home.
            certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            intermediates.ImportFromPem(tls.CertificateChain);
            intermediates.RemoveAt(0);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"filter chain {chain}: the certificate and key of {tls.Source} do not load: {e.Message}", e);
        }
        X509Certificate2Collection? roots = null;
        if (tls.TrustedCa is { Length: > 0 } ca)
        {
            roots = [];
            try
            {
                roots.ImportFromPem(ca);
            }
            catch (CryptographicException e)
            {
                throw new InvalidOperationException($"filter chain {chain}: the ca.crt of {tls.Source} does not load: {e.Message}", e);
            }
            if (roots.Count == 0)
                throw new InvalidOperationException($"filter chain {chain}: the ca.crt of {tls.Source} holds no certificate");
        }
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(certificate, intermediates, offline: true),
            EnabledSslProtocols = Protocols(tls, chain),
            ApplicationProtocols = [.. tls.AlpnProtocols.Select(p => new SslApplicationProtocol(p))],
            ClientCertificateRequired = roots is not null,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        if (!tls.CipherSuites.IsDefaultOrEmpty)
            options.CipherSuitesPolicy = new CipherSuitesPolicy(tls.CipherSuites.Select(c => CipherSuite(c, chain)));
        if (roots is not null)
            options.RemoteCertificateValidationCallback = (_, cert, _, _) => ChainsTo(cert, roots);
        return new GatewayTls(options, certificate, tls.Source);
    }

    private static bool ChainsTo(X509Certificate? presented, X509Certificate2Collection roots)
    {
        if (presented is null)
            return false;
        using var cert = presented as X509Certificate2 is { } c2 ? new X509Certificate2(c2) : new X509Certificate2(presented);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(cert);
    }

    private static SslProtocols Protocols(DownstreamTlsContext tls, string chain)
    {
        var min = Version(tls.MinProtocolVersion, SslProtocols.Tls12, chain);
        var max = Version(tls.MaxProtocolVersion, SslProtocols.Tls13, chain);
        var result = SslProtocols.None;
        foreach (var p in new[] { SslProtocols.Tls12, SslProtocols.Tls13 })
            if (p >= min && p <= max)
                result |= p;
        return result == SslProtocols.None
            ? throw new InvalidOperationException($"filter chain {chain}: minimum TLS version {tls.MinProtocolVersion} is above the maximum {tls.MaxProtocolVersion}")
            : result;
    }

    /// <summary>TLS 1.0 and 1.1 are not offered (the platform refuses them); asking for them as a minimum means 1.2.</summary>
    private static SslProtocols Version(string? text, SslProtocols fallback, string chain) => text?.ToUpperInvariant() switch
    {
        null or "" or "TLS_AUTO" => fallback,
        "TLSV1_0" or "TLSV1_1" or "TLSV1_2" => SslProtocols.Tls12,
        "TLSV1_3" => SslProtocols.Tls13,
        _ => throw new InvalidOperationException($"filter chain {chain}: TLS version \"{text}\" is not one of TLSV1_2, TLSV1_3"),
    };

    private static TlsCipherSuite CipherSuite(string name, string chain)
    {
        if (Enum.TryParse<TlsCipherSuite>(name, ignoreCase: false, out var iana))
            return iana;
        if (OpenSsl.TryGetValue(name, out var mapped))
            return mapped;
        throw new InvalidOperationException($"filter chain {chain}: cipher suite \"{name}\" is not known (use IANA names such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
    }

    /// <summary>The OpenSSL names Istio's documentation uses for cipherSuites.</summary>
    private static readonly IReadOnlyDictionary<string, TlsCipherSuite> OpenSsl = new Dictionary<string, TlsCipherSuite>(StringComparer.Ordinal)
    {
        ["ECDHE-ECDSA-AES128-GCM-SHA256"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        ["ECDHE-RSA-AES128-GCM-SHA256"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        ["ECDHE-ECDSA-AES256-GCM-SHA384"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        ["ECDHE-RSA-AES256-GCM-SHA384"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        ["ECDHE-ECDSA-CHACHA20-POLY1305"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        ["ECDHE-RSA-CHACHA20-POLY1305"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        ["TLS_AES_128_GCM_SHA256"] = TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        ["TLS_AES_256_GCM_SHA384"] = TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        ["TLS_CHACHA20_POLY1305_SHA256"] = TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
    };
}
