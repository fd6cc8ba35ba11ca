using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Weft.Identity.Certificates;
using Weft.Identity.Trust;

namespace Weft.Proxy.Security.Tls;

/// <summary>
/// The proxy's side of mesh mTLS: the workload certificate to present (read at each handshake,
/// so a rotation applies to new connections) and the check of a peer's chain against the mesh
/// roots the certificate came with. Without a certificate (no <c>--ca-address</c>, or none yet)
/// the proxy neither terminates nor originates mesh TLS and speaks plaintext as before.
/// </summary>
public sealed partial class MeshTls(TimeProvider time, ILogger<MeshTls> log)
{
    /// <summary>TLS 1.3 only between proxies (DESIGN: proxy to proxy is TLS 1.3, mutual).</summary>
    public const SslProtocols Protocols = SslProtocols.Tls13;

    private static readonly List<SslApplicationProtocol> Alpn = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    private Func<WorkloadCertificate?> _source = static () => null;
    private ServerOptionsCache? _server;

    /// <summary>Where the current certificate comes from (the proxy identity); set once at start.</summary>
    public void Use(Func<WorkloadCertificate?> source) => Volatile.Write(ref _source, source);

    public WorkloadCertificate? Certificate => Volatile.Read(ref _source)();

    public TimeProvider Time => time;

    /// <summary>The TLS Secrets (gateway certificates, DestinationRule credentials) fetched from the control plane.</summary>
    public Secrets.SecretStore Secrets { get; } = new(log);

    /// <summary>Server options for the current certificate (cached until it changes); null without one.</summary>
    public SslServerAuthenticationOptions? ServerOptions()
    {
        var cert = Certificate;
        if (cert is null)
            return null;
        var cached = Volatile.Read(ref _server);
        if (cached is not null && ReferenceEquals(cached.Certificate, cert))
            return cached.Options;
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = cert.Context,
            ApplicationProtocols = Alpn,
            EnabledSslProtocols = Protocols,
            ClientCertificateRequired = true,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, peer, chain, _) => Accept(cert.TrustBundle, peer, chain, null, out _),
        };
        Volatile.Write(ref _server, new ServerOptionsCache(cert, options));
        return options;
    }

    /// <summary>
    /// Whether a peer's certificate is a workload of this mesh (and, when <paramref name="allowed"/>
    /// is not empty, one of those identities). The chain's extra store holds what the peer sent.
    /// </summary>
    public bool Accept(TrustBundle roots, X509Certificate? peer, X509Chain? chain, IReadOnlyCollection<string>? allowed, out string? reason)
    {
        if (peer is null)
        {
            reason = "the peer presented no certificate";
            LogPeerRefused(log, reason);
            return false;
        }
        var leaf = peer as X509Certificate2 ?? new X509Certificate2(peer);
        var verdict = roots.VerifyPeer(leaf, chain?.ChainPolicy.ExtraStore, time.GetUtcNow());
        if (!verdict.Ok)
        {
            reason = verdict.Error;
            LogPeerRefused(log, reason!);
            return false;
        }
        if (allowed is { Count: > 0 } && !allowed.Contains(verdict.Identity!.ToString()))
        {
            reason = $"the peer is {verdict.Identity}, not one of {string.Join(", ", allowed)}";
            LogPeerRefused(log, reason);
            return false;
        }
        reason = null;
        return true;
    }

    /// <summary>
    /// Gives a saved certificate a few seconds to load before the first snapshot serves, so it is in
    /// place for the first connections; a failure to read it does not hold the proxy's traffic.
    /// </summary>
    public static async Task WaitForFirstAsync(Task<WorkloadCertificate> first, TimeProvider time, CancellationToken ct)
    {
        try
        {
            await first.WaitAsync(FirstCertificateWait, time, ct);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            // The identity logs why; listeners pick the certificate up whenever it comes.
        }
    }

    /// <summary>How long the first snapshot waits for the first certificate.</summary>
    public static readonly TimeSpan FirstCertificateWait = TimeSpan.FromSeconds(5);

    private sealed record ServerOptionsCache(WorkloadCertificate Certificate, SslServerAuthenticationOptions Options);

    [LoggerMessage(5801, LogLevel.Information, "Refused a mesh TLS peer: {Reason}")]
    private static partial void LogPeerRefused(ILogger log, string reason);
}
