using System.Security.Cryptography;
using Weft.Api.Model.Core;
using Weft.Discovery.Security;

namespace Weft.ControlPlane.Translation.Security;

/// <summary>
/// The keys of a TLS Secret as Istio's SDS reads them (<c>tls.crt</c> or <c>cert</c>, <c>tls.key</c>
/// or <c>key</c>, <c>ca.crt</c> or <c>cacert</c>), the version a snapshot names it at, and the
/// <see cref="TlsSecret"/> the secret endpoint answers. Translation and the endpoint read a Secret
/// through this one place, so what a snapshot names is what the proxy can fetch.
/// </summary>
public static class SecretVersions
{
    public static byte[]? Certificate(Secret s) => s.Value("tls.crt") ?? s.Value("cert");

    public static byte[]? Key(Secret s) => s.Value("tls.key") ?? s.Value("key");

    public static byte[]? Roots(Secret s) => s.Value("ca.crt") ?? s.Value("cacert");

    public static bool HasCertificate(Secret s) => Certificate(s) is not null && Key(s) is not null;

    public static bool HasRoots(Secret s) => Roots(s) is not null;

    /// <summary>
    /// A digest of the keys a proxy would fetch (not of labels or annotations): it moves exactly
    /// when the credential does. Sixteen hex digits of SHA-256 say nothing about the key.
    /// </summary>
    public static string Version(Secret s)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in new[] { Certificate(s), Key(s), Roots(s) })
        {
            var bytes = part ?? [];
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    public static SecretReference Reference(string name, Secret s) => new() { Name = name, Version = Version(s) };

    /// <summary>The answer of the secret endpoint for <paramref name="s"/> stored as <paramref name="name"/> (<c>ns/name</c>).</summary>
    public static TlsSecret Material(string name, Secret s) => new()
    {
        Name = name,
        Version = Version(s),
        CertificateChain = Text(Certificate(s)),
        PrivateKey = Text(Key(s)),
        TrustedCa = Text(Roots(s)),
    };

    private static string? Text(byte[]? b) => b is null ? null : System.Text.Encoding.UTF8.GetString(b);
}
