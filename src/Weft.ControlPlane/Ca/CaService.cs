using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.Identity.Bootstrap;
using Weft.Identity.Ca;
using Weft.Identity.Certificates;
using Weft.Identity.Keys;
using Weft.Identity.Rotation;
using Weft.Identity.Spiffe;

namespace Weft.ControlPlane.Ca;

/// <summary>
/// weftd's certificate authority: the <see cref="MeshCa"/> (generated on first start and kept
/// sealed in <c>DATA_DIR/ca</c>, or plugged in from Istio's cacerts), the bootstrap-token ledger,
/// and the two ways to get a certificate: a bootstrap token (first certificate of a VM) or a
/// valid mesh certificate of the same identity (renewal). Either way the identity comes from the
/// credential, never from the CSR.
/// </summary>
public sealed partial class CaService
{
    private readonly string _statePath;
    private readonly byte[] _kek;
    private readonly SigningAuthority? _plugged;
    private readonly SemaphoreSlim _rotation = new(1, 1);
    private readonly ILogger _log;
    private MeshCa _ca;

    private CaService(MeshCa ca, BootstrapLedger tokens, string dir, string statePath, byte[] kek, SigningAuthority? plugged, string rootNamespace, ILogger log)
    {
        _ca = ca;
        Tokens = tokens;
        Directory = dir;
        _statePath = statePath;
        _kek = kek;
        _plugged = plugged;
        RootNamespace = rootNamespace;
        _log = log;
    }

    /// <summary>The CA as it is now; swapped whole by a rotation.</summary>
    public MeshCa Ca => Volatile.Read(ref _ca);

    public TimeProvider Time => Ca.Time;

    public BootstrapLedger Tokens { get; }

    /// <summary><c>DATA_DIR/ca</c>.</summary>
    public string Directory { get; }

    /// <summary>The roots as PEM, also written to <c>DATA_DIR/ca/root-cert.pem</c> for operators to copy to VMs.</summary>
    public string RootCertificatesPem => Ca.TrustBundle.ToPem();

    public string RootCertPath => Path.Combine(Directory, "root-cert.pem");

    /// <summary>Where weftd's own identity lives (the mesh's root namespace, Istio's istio-system).</summary>
    public string RootNamespace { get; }

    /// <summary>weftd's identity in its serving certificate: <c>spiffe://TD/ns/ROOT_NAMESPACE/sa/weftd</c>.</summary>
    public SpiffeId ServerIdentity => SpiffeId.Create(Ca.TrustDomain, RootNamespace, "weftd");

    /// <summary>Where the certificate endpoint listens (https://...), once it does.</summary>
    public Uri? Address { get; internal set; }

    public bool IsPlugged => _plugged is not null;

    /// <exception cref="CaLoadException">The CA cannot be loaded or created; every reason is listed.</exception>
    public static CaService Open(CaOptions options, string dataDir, string trustDomain, string rootNamespace, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        var log = loggers.CreateLogger<CaService>();
        var dir = Path.Combine(dataDir, "ca");
        try
        {
            System.IO.Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CaLoadException(dir, [$"the CA directory cannot be created: {e.Message}"]);
        }
        var statePath = Path.Combine(dir, CaStateFile.FileName);
        var hasState = File.Exists(statePath);

        var (kekPath, createKek) = KekPath(options, dir);
        byte[]? kek = null;
        try
        {
            if (File.Exists(kekPath))
            {
                kek = KeyEncryptionKey.Load(kekPath, create: false, out _);
                if (SecretFile.IsOpenToOthers(kekPath))
                    LogOpenToOthers(log, kekPath, SecretFile.ModeText(kekPath));
            }
            else if (createKek && !hasState)
            {
                kek = KeyEncryptionKey.Load(kekPath, create: true, out _);
                LogKekCreated(log, kekPath);
            }
            else if (!hasState)
            {
                throw new IOException($"the key-encryption key {kekPath} does not exist (it is given with --ca-kek-file, or by systemd as the credential {CaOptions.SystemdCredential})");
            }
            // With stored state and no KEK, loading says which key cannot be opened and what to do.
        }
        catch (IOException e)
        {
            throw new CaLoadException(dir, [e.Message]);
        }

        var now = time.GetUtcNow();
        SigningAuthority? plugged = null;
        if (options.CaCertsDir is { } cacerts)
        {
            plugged = CaCerts.Load(cacerts, now);
            var keyPath = Path.Combine(cacerts, CaCerts.CaKey);
            if (SecretFile.IsOpenToOthers(keyPath))
                LogOpenToOthers(log, keyPath, SecretFile.ModeText(keyPath));
        }

        MeshCa ca;
        var changed = false;
        if (!hasState)
        {
            if (plugged is not null)
            {
                ca = new MeshCa(trustDomain, [new CaGeneration(plugged, plugged.Root, now, null)], time, options.Policy);
                LogPlugged(log, plugged.Certificate.Subject, Fingerprint(plugged.Root), options.CaCertsDir!);
            }
            else
            {
                ca = MeshCa.CreateWithNewRoot(trustDomain, time, options.Policy);
                LogGenerated(log, ca.Signer.Root.Subject, Fingerprint(ca.Signer.Root), statePath);
            }
            changed = true;
        }
        else
        {
            var generations = CaStateFile.Load(statePath, kek, kekPath, plugged);
            if (plugged is not null && !generations.Any(g => ReferenceEquals(g.Authority, plugged)))
            {
                var sameRoot = generations.LastOrDefault(g => g.Root.RawDataMemory.Span.SequenceEqual(plugged.Root.RawDataMemory.Span));
                if (sameRoot is not null)
                {
                    // Same root, new intermediate or key: every root stays as it was, nothing to overlap.
                    ca = new MeshCa(trustDomain, generations.Select(g => ReferenceEquals(g, sameRoot) ? g with { Authority = plugged } : g), time, options.Policy);
                    LogPlugged(log, plugged.Certificate.Subject, Fingerprint(plugged.Root), options.CaCertsDir!);
                }
                else
                {
                    ca = MeshCa.PluggedIn(trustDomain, generations, plugged, time, options.Policy);
                    LogRootReplaced(log, Fingerprint(plugged.Root), options.CaCertsDir!, now + options.Policy.RotationOverlap);
                }
                changed = true;
            }
            else
            {
                try
                {
                    ca = new MeshCa(trustDomain, generations, time, options.Policy);
                }
                catch (ArgumentException)
                {
                    throw new CaLoadException(dir, [$"the CA in {statePath} was plugged in with --cacerts and its key is not stored by weftd; start weftd with --cacerts DIR again, or move {dir} away to generate a new root (every workload must then bootstrap again)"]);
                }
                LogLoaded(log, ca.Signer.Certificate.Subject, Fingerprint(ca.Signer.Root), ca.Generations.Length, plugged is null ? statePath : options.CaCertsDir!);
            }
        }

        var tokensPath = Path.Combine(dir, BootstrapTokenFile.FileName);
        IReadOnlyList<BootstrapGrant> grants;
        try
        {
            grants = BootstrapTokenFile.Load(tokensPath);
        }
        catch (IOException e)
        {
            throw new CaLoadException(dir, [e.Message]);
        }
        var ledger = new BootstrapLedger(grants, (g, _) => BootstrapTokenFile.SaveAsync(tokensPath, g), time);
        var service = new CaService(ca, ledger, dir, statePath, kek ?? [], plugged, rootNamespace, log);
        if (changed)
        {
            if (kek is null && ca.Generations.Any(g => g.Authority is not null && !ReferenceEquals(g.Authority, plugged)))
                throw new CaLoadException(dir, [$"the key-encryption key {kekPath} is missing, so the CA key cannot be sealed"]);
            service.Save();
        }
        else
        {
            service.WriteRootCert();
        }
        return service;
    }

    /// <summary>
    /// A new certificate for the holder of a bootstrap token: the identity is the token's, the
    /// CSR may only repeat it. The token is spent only if the certificate is issued.
    /// </summary>
    /// <exception cref="CaAuthenticationException">The token is malformed, unknown, expired or used.</exception>
    /// <exception cref="CsrRefusedException">The CSR asks for something the token does not prove.</exception>
    public async Task<IssuedCertificate> ExchangeTokenAsync(string token, string csrPem, TimeSpan? ttl, string peer, CancellationToken ct)
    {
        IssuedCertificate issued;
        string? tokenId = null;
        try
        {
            issued = await Tokens.RedeemAsync(token, grant =>
            {
                tokenId = grant.Id;
                try
                {
                    return Ca.Sign(csrPem, grant.Identity, ttl);
                }
                catch (CsrRefusedException e)
                {
                    LogCsrRefused(_log, peer, grant.Identity.ToString(), $"bootstrap token {grant.Id}", string.Join("; ", e.Reasons));
                    throw;
                }
            }, ct);
        }
        catch (BootstrapRefusedException e)
        {
            LogRefused(_log, peer, e.Message);
            throw new CaAuthenticationException(e.Message, e);
        }
        LogIssued(_log, issued.Identity!.ToString(), $"bootstrap token {tokenId}", peer, issued.Certificate.SerialNumber, issued.NotAfter);
        return issued;
    }

    /// <summary>
    /// A new certificate for a workload that proves its identity with its current certificate
    /// (mutual TLS): valid now, from a root the mesh trusts now, of this trust domain, one identity.
    /// </summary>
    /// <exception cref="CaAuthenticationException">No certificate, or one the mesh does not believe.</exception>
    /// <exception cref="CsrRefusedException">The CSR asks for another identity or is otherwise refused.</exception>
    public IssuedCertificate Renew(X509Certificate2? clientCertificate, string csrPem, TimeSpan? ttl, string peer)
    {
        if (clientCertificate is null)
        {
            const string none = "no credential: present a bootstrap token (Authorization: Bootstrap TOKEN) for a first certificate, or the current mesh certificate (TLS client certificate) to renew";
            LogRefused(_log, peer, none);
            throw new CaAuthenticationException(none);
        }
        var ca = Ca;
        var now = ca.Time.GetUtcNow();
        var intermediates = ca.Generations.SelectMany(g => g.Authority?.ChainAboveLeaves ?? []);
        var verdict = ca.TrustBundleAt(now).VerifyPeer(clientCertificate, intermediates, now);
        if (!verdict.Ok)
        {
            var reason = $"the client certificate does not prove a mesh identity: {verdict.Error}";
            LogRefused(_log, peer, reason);
            throw new CaAuthenticationException(reason);
        }
        IssuedCertificate issued;
        try
        {
            issued = ca.Sign(csrPem, verdict.Identity, ttl);
        }
        catch (CsrRefusedException e)
        {
            LogCsrRefused(_log, peer, verdict.Identity.ToString(), "its certificate", string.Join("; ", e.Reasons));
            throw;
        }
        LogIssued(_log, verdict.Identity.ToString(), $"its certificate (serial {clientCertificate.SerialNumber})", peer, issued.Certificate.SerialNumber, issued.NotAfter);
        return issued;
    }

    /// <summary>A bootstrap token for one identity; the grant is stored (hashed) before the token is returned.</summary>
    /// <exception cref="ArgumentException">The namespace, service account or lifetime is not valid.</exception>
    public async Task<(BootstrapToken Token, BootstrapGrant Grant)> CreateTokenAsync(string ns, string serviceAccount, TimeSpan ttl, CancellationToken ct)
    {
        var identity = SpiffeId.Create(Ca.TrustDomain, ns, serviceAccount);
        var (token, grant) = await Tokens.IssueAsync(identity, ttl, ct);
        LogTokenCreated(_log, grant.Id, identity.ToString(), grant.ExpiresAt);
        return (token, grant);
    }

    /// <summary>
    /// Starts a rotation to a newly generated root (see <see cref="MeshCa.RotateTo"/>): trusted
    /// now, signing after the propagation period, the old root trusted for the overlap after that.
    /// </summary>
    /// <exception cref="InvalidOperationException">The CA is plugged in: its operator rotates it by changing the cacerts files.</exception>
    public async Task<MeshCa> RotateRootAsync(TimeSpan? propagation, TimeSpan? overlap, CancellationToken ct)
    {
        if (_plugged is not null)
            throw new InvalidOperationException("the CA is plugged in from cacerts; rotate its root by replacing the files and restarting weftd (the previous root stays trusted for the overlap)");
        await _rotation.WaitAsync(ct);
        try
        {
            var next = Ca.Pruned().RotateToNewRoot(propagation, overlap);
            var added = next.Generations[^1];
            Volatile.Write(ref _ca, next);
            Save();
            LogRotationStarted(_log, Fingerprint(added.Root), added.SignsFrom, next.Generations[0].TrustedUntil ?? added.SignsFrom);
            return next;
        }
        finally
        {
            _rotation.Release();
        }
    }

    /// <summary>
    /// weftd's own serving certificate, signed by the mesh CA and renewed at half life: DNS
    /// <c>weftd</c> plus the names and addresses given, and weftd's SPIFFE identity.
    /// </summary>
    public CertificateRotator CreateServingRotator(IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> addresses)
    {
        WorkloadCertificate Issue()
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var issued = Ca.IssueServing(new PublicKey(key), ServerIdentity, dnsNames, addresses);
            return new WorkloadCertificate(issued.Certificate.CopyWithPrivateKey(key), issued.Chain[1..], issued.TrustBundle, ServerIdentity);
        }
        return new CertificateRotator(Issue(), (_, _) => Task.FromResult(Issue()), Time, _log);
    }

    private void Save()
    {
        try
        {
            CaStateFile.Save(_statePath, Ca, _plugged, _kek);
        }
        catch (IOException e)
        {
            throw new CaLoadException(Directory, [$"the CA state cannot be written to {_statePath}: {e.Message}"]);
        }
        WriteRootCert();
    }

    private void WriteRootCert()
    {
        // Public: the roots are what every workload must trust; readable so operators can copy them.
        File.WriteAllText(RootCertPath, RootCertificatesPem);
    }

    private static (string Path, bool Create) KekPath(CaOptions options, string dir)
    {
        if (options.KekFile is { } explicitPath)
            return (explicitPath, false);
        if (Environment.GetEnvironmentVariable("CREDENTIALS_DIRECTORY") is { Length: > 0 } credentials
            && File.Exists(Path.Combine(credentials, CaOptions.SystemdCredential)))
            return (Path.Combine(credentials, CaOptions.SystemdCredential), false);
        return (Path.Combine(dir, "kek"), true);
    }

    internal static string Fingerprint(X509Certificate2 cert) => cert.GetCertHashString(HashAlgorithmName.SHA256)[..16];

    [LoggerMessage(1701, LogLevel.Information, "Generated a new mesh root CA \"{Subject}\" (SHA-256 {Fingerprint}...); its key is sealed in {Path}")]
    private static partial void LogGenerated(ILogger log, string subject, string fingerprint, string path);

    [LoggerMessage(1702, LogLevel.Information, "Mesh CA \"{Subject}\" (root SHA-256 {Fingerprint}..., {Generations} generation(s)) loaded from {Source}")]
    private static partial void LogLoaded(ILogger log, string subject, string fingerprint, int generations, string source);

    [LoggerMessage(1703, LogLevel.Information, "Plugged-in CA \"{Subject}\" (root SHA-256 {Fingerprint}...) from {Dir} signs workload certificates")]
    private static partial void LogPlugged(ILogger log, string subject, string fingerprint, string dir);

    [LoggerMessage(1704, LogLevel.Warning, "The plugged-in CA in {Dir} has a new root (SHA-256 {Fingerprint}...); it signs from now on and the previous roots stay trusted until {Until:o}")]
    private static partial void LogRootReplaced(ILogger log, string fingerprint, string dir, DateTimeOffset until);

    [LoggerMessage(1705, LogLevel.Information, "Created the key-encryption key {Path} (0600); the CA key is sealed with it. Keep it out of backups of the data directory")]
    private static partial void LogKekCreated(ILogger log, string path);

    [LoggerMessage(1706, LogLevel.Warning, "{Path} has mode {Mode}: other users can read a key; chmod it to 0600")]
    private static partial void LogOpenToOthers(ILogger log, string path, string mode);

    [LoggerMessage(1707, LogLevel.Information, "Bootstrap token {TokenId} created for {Identity}, single use, expires {ExpiresAt:o}")]
    private static partial void LogTokenCreated(ILogger log, string tokenId, string identity, DateTimeOffset expiresAt);

    [LoggerMessage(1708, LogLevel.Information, "Issued a certificate for {Identity} on {Credential} to {Peer}: serial {Serial}, expires {NotAfter:o}")]
    private static partial void LogIssued(ILogger log, string identity, string credential, string peer, string serial, DateTimeOffset notAfter);

    [LoggerMessage(1709, LogLevel.Warning, "Refused a certificate request from {Peer}: {Reason}")]
    private static partial void LogRefused(ILogger log, string peer, string reason);

    [LoggerMessage(1710, LogLevel.Warning, "Refused the CSR of {Peer}, who proved {Identity} with {Credential}: {Reasons}")]
    private static partial void LogCsrRefused(ILogger log, string peer, string identity, string credential, string reasons);

    [LoggerMessage(1711, LogLevel.Warning, "Root rotation started: the new root (SHA-256 {Fingerprint}...) is trusted now and signs from {SignsFrom:o}; the old root is trusted until {OldUntil:o}")]
    private static partial void LogRotationStarted(ILogger log, string fingerprint, DateTimeOffset signsFrom, DateTimeOffset oldUntil);
}
