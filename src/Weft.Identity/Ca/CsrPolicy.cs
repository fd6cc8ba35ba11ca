using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.Identity.Certificates;
using Weft.Identity.Spiffe;

namespace Weft.Identity.Ca;

/// <summary>
/// What the CA accepts in a CSR. The identity never comes from the CSR: it comes from the
/// credential (a bootstrap token, or the certificate being renewed). The CSR may only repeat it.
/// Refused, every reason at once: a signature that does not verify (the requester does not hold
/// the key), a key other than ECDSA P-256, a SAN other than exactly the identity's URI, CA:true,
/// and any extension Weft does not issue.
/// </summary>
public static class CsrPolicy
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    // Extensions a CSR may carry because the CA writes its own anyway (key usages, key id).
    private static readonly HashSet<string> Ignored = ["2.5.29.15", "2.5.29.37", "2.5.29.14"];
    private const string BasicConstraintsOid = "2.5.29.19";

    /// <summary>Reads and checks a PEM CSR for <paramref name="identity"/>; returns the key to certify.</summary>
    /// <exception cref="CsrRefusedException">Every reason the CSR is refused.</exception>
    public static PublicKey Check(string csrPem, SpiffeId identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (string.IsNullOrWhiteSpace(csrPem))
            throw new CsrRefusedException(["the CSR is empty; send a PEM \"CERTIFICATE REQUEST\""]);
        CertificateRequest request;
        try
        {
            // Verifies the CSR's signature with its own key: proof the requester holds that key.
            request = CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256,
                CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        }
        catch (CryptographicException e)
        {
            throw new CsrRefusedException([$"the CSR cannot be read or its signature does not verify ({e.Message}); the requester must sign it with the key it asks a certificate for"]);
        }
        catch (ArgumentException e)
        {
            throw new CsrRefusedException([$"the CSR is not a PEM \"CERTIFICATE REQUEST\" ({e.Message})"]);
        }

        var reasons = new List<string>();
        if (KeyProblem(request.PublicKey) is { } key)
            reasons.Add(key);
        foreach (var ext in request.CertificateExtensions)
        {
            var oid = ext.Oid?.Value ?? "";
            if (oid == SubjectAltNames.Oid || Ignored.Contains(oid))
                continue;
            if (oid == BasicConstraintsOid)
            {
                var bc = new X509BasicConstraintsExtension();
                bc.CopyFrom(ext);
                if (bc.CertificateAuthority)
                    reasons.Add("the CSR asks for CA:true; workload certificates are never CAs");
                continue;
            }
            reasons.Add($"the CSR asks for the extension {oid}{(ext.Oid?.FriendlyName is { Length: > 0 } f ? $" ({f})" : "")}, which Weft does not issue");
        }
        SubjectAltNames san;
        try
        {
            san = SubjectAltNames.Of(request.CertificateExtensions);
        }
        catch (CryptographicException e)
        {
            reasons.Add(e.Message);
            san = SubjectAltNames.None;
        }
        var expected = identity.ToString();
        foreach (var uri in san.Uris)
        {
            if (!string.Equals(uri, expected, StringComparison.Ordinal))
                reasons.Add($"the CSR asks for the URI SAN \"{uri}\" but the credential proves {expected}; a workload gets only its own identity");
        }
        if (san.Uris.Length > 1)
            reasons.Add($"the CSR asks for {san.Uris.Length} URI SANs; a workload certificate has exactly one, its identity");
        if (san.DnsNames.Length > 0)
            reasons.Add($"the CSR asks for DNS SANs ({string.Join(", ", san.DnsNames)}); workload certificates carry only the identity's URI");
        if (san.IpAddresses.Length > 0)
            reasons.Add($"the CSR asks for IP SANs ({string.Join(", ", san.IpAddresses)}); workload certificates carry only the identity's URI");
        if (san.OtherNames > 0)
            reasons.Add($"the CSR asks for {san.OtherNames} SAN(s) of another kind (e-mail, directory or other names); workload certificates carry only the identity's URI");
        if (reasons.Count > 0)
            throw new CsrRefusedException(reasons);
        return request.PublicKey;
    }

    /// <summary>Why the key is not ECDSA P-256, or null when it is.</summary>
    internal static string? KeyProblem(PublicKey key)
    {
        if (key.Oid?.Value != SigningAuthority.EcPublicKeyOid)
        {
            using var rsa = key.GetRSAPublicKey();
            var what = rsa is not null ? $"RSA {rsa.KeySize}" : key.Oid?.FriendlyName ?? key.Oid?.Value ?? "unknown";
            return $"the CSR's key is {what}; Weft issues workload certificates for ECDSA P-256 keys only";
        }
        string? curve;
        try
        {
            curve = key.EncodedParameters?.RawData is { } parameters
                ? new System.Formats.Asn1.AsnReader(parameters, System.Formats.Asn1.AsnEncodingRules.DER).ReadObjectIdentifier()
                : null;
        }
        catch (System.Formats.Asn1.AsnContentException)
        {
            curve = null;
        }
        if (curve != P256Oid)
        {
            var name = curve switch
            {
                "1.3.132.0.34" => "P-384",
                "1.3.132.0.35" => "P-521",
                null => "explicit parameters",
                _ => curve,
            };
            return $"the CSR's key is ECDSA on the curve {name}; Weft issues workload certificates for ECDSA P-256 keys only";
        }
        return null;
    }
}
