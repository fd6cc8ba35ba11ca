using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.Identity.Certificates;
using Weft.Identity.Spiffe;
using Weft.Identity.Trust;

namespace Weft.Identity.Csr;

/// <summary>
/// A key and the CSR made with it, waiting for the CA's answer. <see cref="Complete"/> accepts
/// the answer only if it certifies this key, for this identity, under the given roots: a CA (or
/// someone in the middle) cannot hand the proxy a certificate it would then present wrongly.
/// </summary>
public sealed class PendingCertificate : IDisposable
{
    private readonly ECDsa _key;

    internal PendingCertificate(SpiffeId identity, ECDsa key, string csrPem)
    {
        Identity = identity;
        _key = key;
        CsrPem = csrPem;
    }

    public SpiffeId Identity { get; }

    /// <summary>What is sent to the CA (the public key and the identity asked for; no secret).</summary>
    public string CsrPem { get; }

    /// <summary>Pairs the issued chain with the key.</summary>
    /// <param name="chain">The issued certificate first, then its intermediates (the CA's answer).</param>
    /// <param name="bundle">The roots to check it against and to trust from now on.</param>
    /// <param name="now">The time to check validity at.</param>
    /// <exception cref="CryptographicException">The answer does not certify this key for this identity under the bundle.</exception>
    public WorkloadCertificate Complete(IReadOnlyList<X509Certificate2> chain, TrustBundle bundle, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(bundle);
        if (chain.Count == 0)
            throw new CryptographicException("the CA answered with no certificate");
        var leaf = chain[0];
        using (var issuedKey = leaf.GetECDsaPublicKey())
        {
            if (issuedKey is null || !issuedKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(_key.ExportSubjectPublicKeyInfo()))
                throw new CryptographicException("the certificate the CA answered with is not for the key this proxy generated");
        }
        var intermediates = chain.Skip(1).ToImmutableArray();
        var verdict = bundle.VerifyPeer(leaf, intermediates, now);
        if (!verdict.Ok)
            throw new CryptographicException($"the certificate the CA answered with is not usable: {verdict.Error}");
        if (verdict.Identity != Identity)
            throw new CryptographicException($"the CA answered with a certificate for {verdict.Identity}, but {Identity} was asked for");
        return new WorkloadCertificate(leaf.CopyWithPrivateKey(_key), intermediates, bundle, Identity);
    }

    public void Dispose() => _key.Dispose();
}
