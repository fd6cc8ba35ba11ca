using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Weft.Identity.Certificates;

/// <summary>PEM in and out for certificate lists (chains, bundles), in file order.</summary>
public static class Pem
{
    /// <summary>Every CERTIFICATE block of the text, in order; other blocks (keys) are skipped.</summary>
    /// <exception cref="CryptographicException">A CERTIFICATE block does not hold a certificate.</exception>
    public static ImmutableArray<X509Certificate2> ReadCertificates(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = ImmutableArray.CreateBuilder<X509Certificate2>();
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                var der = Convert.FromBase64String(rest[fields.Base64Data].ToString());
                result.Add(X509CertificateLoader.LoadCertificate(der));
            }
            rest = rest[fields.Location.End..];
        }
        return result.ToImmutable();
    }

    /// <summary>The certificates as PEM blocks, one after the other, each ending with a newline.</summary>
    public static string Write(IEnumerable<X509Certificate2> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var sb = new StringBuilder();
        foreach (var c in certificates)
            sb.Append(c.ExportCertificatePem()).Append('\n');
        return sb.ToString();
    }
}
