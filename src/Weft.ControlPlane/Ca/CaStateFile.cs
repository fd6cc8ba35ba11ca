using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Weft.Identity.Ca;
using Weft.Identity.Certificates;
using Weft.Identity.Keys;

namespace Weft.ControlPlane.Ca;

/// <summary>
/// The CA's generations on disk, <c>DATA_DIR/ca/ca.json</c> (0600): certificates in PEM and
/// each private key sealed with AES-256-GCM under the key-encryption key (<see cref="KeyEnvelope"/>,
/// bound to the certificate it belongs to). A plugged-in CA's key is never copied here: it is
/// read from the cacerts directory at each start; only its root is remembered, so a changed
/// root can be rotated to with an overlap.
/// </summary>
internal static class CaStateFile
{
    public const string FileName = "ca.json";

    public static string KeyPurpose(X509Certificate2 signer) => $"CA key of {signer.GetCertHashString(HashAlgorithmName.SHA256)}";

    public static void Save(string path, MeshCa ca, SigningAuthority? plugged, byte[] kek)
    {
        var generations = new JsonArray();
        foreach (var g in ca.Generations)
        {
            var isPlugged = plugged is not null && g.Authority is not null && SameCert(g.Authority.Certificate, plugged.Certificate);
            string? sealedKey = null;
            if (g.Authority is { } a && !isPlugged)
                sealedKey = Convert.ToBase64String(KeyEnvelope.Seal(kek, ExportKey(a.Certificate), KeyPurpose(a.Certificate)));
            generations.Add(new JsonObject
            {
                ["root"] = g.Root.ExportCertificatePem(),
                ["signer"] = g.Authority?.Certificate.ExportCertificatePem(),
                ["intermediates"] = g.Authority is { } ai ? Pem.Write(ai.Intermediates) : null,
                ["sealedKey"] = sealedKey,
                ["plugged"] = isPlugged,
                ["signsFrom"] = g.SignsFrom.ToString("o", CultureInfo.InvariantCulture),
                ["trustedUntil"] = g.TrustedUntil?.ToString("o", CultureInfo.InvariantCulture),
            });
        }
        var doc = new JsonObject
        {
            ["apiVersion"] = "weft.io/v1",
            ["kind"] = "CaState",
            ["trustDomain"] = ca.TrustDomain,
            ["generations"] = generations,
        };
        SecretFile.Write(path, doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>The stored generations; a plugged generation gets <paramref name="plugged"/> as its authority when it is the same certificate.</summary>
    /// <exception cref="CaLoadException">The file cannot be read, or a key cannot be opened with the KEK.</exception>
    public static IReadOnlyList<CaGeneration> Load(string path, byte[]? kek, string kekPath, SigningAuthority? plugged)
    {
        JsonObject doc;
        try
        {
            doc = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new CaLoadException(path, [$"the CA state cannot be read: {e.Message}"]);
        }
        var problems = new List<string>();
        var result = new List<CaGeneration>();
        var items = doc["generations"] as JsonArray ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"generations[{i}]";
            try
            {
                var g = items[i] as JsonObject ?? throw new JsonException("not an object");
                var root = Pem.ReadCertificates((string?)g["root"] ?? "").FirstOrDefault() ?? throw new JsonException("no root certificate");
                var signsFrom = DateTimeOffset.Parse((string?)g["signsFrom"] ?? throw new JsonException("no signsFrom"), CultureInfo.InvariantCulture);
                DateTimeOffset? trustedUntil = (string?)g["trustedUntil"] is { } u ? DateTimeOffset.Parse(u, CultureInfo.InvariantCulture) : null;
                SigningAuthority? authority = null;
                var signer = Pem.ReadCertificates((string?)g["signer"] ?? "").FirstOrDefault();
                if ((bool?)g["plugged"] == true)
                {
                    if (plugged is not null && signer is not null && SameCert(signer, plugged.Certificate))
                        authority = plugged;
                }
                else if ((string?)g["sealedKey"] is { } sealedText && signer is not null)
                {
                    if (kek is null)
                        throw new CryptographicException($"its key is sealed with a key-encryption key that is missing (expected at {kekPath}); restore that file, or move {Path.GetDirectoryName(path)} away to start a new root (every workload must then bootstrap again)");
                    var keyBytes = KeyEnvelope.Open(kek, Convert.FromBase64String(sealedText), KeyPurpose(signer));
                    try
                    {
                        authority = new SigningAuthority(AttachKey(signer, keyBytes), Pem.ReadCertificates((string?)g["intermediates"] ?? ""), root);
                    }
                    finally
                    {
                        CryptographicOperations.ZeroMemory(keyBytes);
                    }
                }
                result.Add(new CaGeneration(authority, root, signsFrom, trustedUntil));
            }
            catch (Exception e) when (e is JsonException or FormatException or CryptographicException or InvalidOperationException)
            {
                problems.Add($"{at}: {e.Message}");
            }
        }
        if (problems.Count > 0)
            throw new CaLoadException(path, problems);
        return result;
    }

    private static bool SameCert(X509Certificate2 a, X509Certificate2 b) => a.RawDataMemory.Span.SequenceEqual(b.RawDataMemory.Span);

    private static byte[] ExportKey(X509Certificate2 cert)
    {
        using AsymmetricAlgorithm key = (AsymmetricAlgorithm?)cert.GetECDsaPrivateKey() ?? cert.GetRSAPrivateKey()
            ?? throw new CryptographicException($"the CA certificate {cert.Subject} has no exportable ECDSA or RSA key");
        return key.ExportPkcs8PrivateKey();
    }

    private static X509Certificate2 AttachKey(X509Certificate2 cert, byte[] pkcs8)
    {
        using var ecPublic = cert.GetECDsaPublicKey();
        if (ecPublic is not null)
        {
            using var ec = ECDsa.Create();
            ec.ImportPkcs8PrivateKey(pkcs8, out _);
            return cert.CopyWithPrivateKey(ec);
        }
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return cert.CopyWithPrivateKey(rsa);
    }
}
