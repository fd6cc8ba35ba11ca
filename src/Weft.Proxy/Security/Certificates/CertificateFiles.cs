using System.Security.Cryptography;
using Weft.Identity.Certificates;
using Weft.Identity.Keys;
using Weft.Identity.Spiffe;
using Weft.Identity.Trust;

namespace Weft.Proxy.Security.Certificates;

/// <summary>
/// The proxy's certificate on disk, in Istio's layout under <c>DATA_DIR/certs</c>:
/// <c>key.pem</c> (the private key, 0600), <c>cert-chain.pem</c> (the certificate and its
/// intermediates, 0600) and <c>root-cert.pem</c> (the roots it trusts). A restarted proxy, or
/// a rebooted VM, reuses them without a token. Each file is replaced atomically.
/// </summary>
public sealed class CertificateFiles(string dir)
{
    public const string KeyFile = "key.pem";
    public const string ChainFile = "cert-chain.pem";
    public const string RootFile = "root-cert.pem";

    public string Directory { get; } = dir;

    public string KeyPath => Path.Combine(Directory, KeyFile);

    public string ChainPath => Path.Combine(Directory, ChainFile);

    public string RootPath => Path.Combine(Directory, RootFile);

    public void Save(WorkloadCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // Roots first, the key before its certificate: a crash in between leaves a pair that
        // does not match, which Load refuses (and says why) rather than serving a wrong one.
        SecretFile.Write(RootPath, certificate.TrustBundle.ToPem());
        File.SetUnixFileMode(RootPath, SecretFile.Mode | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        SecretFile.Write(KeyPath, certificate.KeyPem());
        SecretFile.Write(ChainPath, certificate.ChainPem);
    }

    /// <summary>The saved roots alone (to trust the control plane by), or null when none are saved.</summary>
    public TrustBundle? LoadRoots(string trustDomain)
    {
        if (!File.Exists(RootPath))
            return null;
        try
        {
            var bundle = TrustBundle.FromPem(trustDomain, File.ReadAllText(RootPath));
            return bundle.Roots.IsEmpty ? null : bundle;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The saved certificate for <paramref name="identity"/>, or null with the reason it cannot be used.</summary>
    public WorkloadCertificate? Load(SpiffeId identity, DateTimeOffset now, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!File.Exists(ChainPath) || !File.Exists(KeyPath))
        {
            reason = $"no certificate is saved in {Directory}";
            return null;
        }
        try
        {
            var roots = LoadRoots(identity.TrustDomain) ?? throw new CryptographicException($"{RootPath} holds no root certificate");
            var cert = WorkloadCertificate.FromPem(File.ReadAllText(ChainPath), File.ReadAllText(KeyPath), roots);
            if (cert.Identity != identity)
            {
                reason = $"the saved certificate is for {cert.Identity}, but this proxy is {identity}";
                return null;
            }
            if (cert.NotAfter <= now)
            {
                reason = $"the saved certificate for {identity} expired at {cert.NotAfter:yyyy-MM-ddTHH:mm:ssZ}";
                return null;
            }
            reason = null;
            return cert;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            reason = $"the saved certificate in {Directory} cannot be used: {e.Message}";
            return null;
        }
    }
}
