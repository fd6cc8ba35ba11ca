using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Weft.Proxy.Tests.Security.Jwt;

/// <summary>
/// A token issuer for tests: a fresh RSA (RS256) or EC P-256 (ES256) key, its public JWKS, and
/// compact JWS tokens signed with it from any claims (or any header, to test malformed ones).
/// </summary>
internal sealed class TestIssuer : IDisposable
{
    private readonly RSA? _rsa;
    private readonly ECDsa? _ec;

    private TestIssuer(string iss, string kid, RSA? rsa, ECDsa? ec) => (Issuer, Kid, _rsa, _ec) = (iss, kid, rsa, ec);

    public string Issuer { get; }
    public string Kid { get; }
    public string Alg => _rsa is not null ? "RS256" : "ES256";

    public static TestIssuer Rsa(string iss = "testing@secure.istio.io", string kid = "rsa-1") => new(iss, kid, RSA.Create(2048), null);

    public static TestIssuer Ec(string iss = "https://ec.example.com", string kid = "ec-1") => new(iss, kid, null, ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public string Jwks(bool withKid = true, string? alg = null)
    {
        var key = new JsonObject();
        if (_rsa is not null)
        {
            var p = _rsa.ExportParameters(false);
            key["kty"] = "RSA";
            key["e"] = B64(p.Exponent!);
            key["n"] = B64(p.Modulus!);
        }
        else
        {
            var p = _ec!.ExportParameters(false);
            key["kty"] = "EC";
            key["crv"] = "P-256";
            key["x"] = B64(p.Q.X!);
            key["y"] = B64(p.Q.Y!);
        }
        if (withKid)
            key["kid"] = Kid;
        if (alg is not null)
            key["alg"] = alg;
        return new JsonObject { ["keys"] = new JsonArray(key) }.ToJsonString();
    }

    /// <summary>A token for <c>sub</c> valid for an hour, with more claims from <paramref name="claims"/> (null values remove one).</summary>
    public string Token(object? claims = null, string sub = "testing@secure.istio.io", long? exp = null, long? nbf = null, string? kid = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new JsonObject { ["iss"] = Issuer, ["sub"] = sub, ["iat"] = now, ["exp"] = exp ?? now + 3600 };
        if (nbf is not null)
            payload["nbf"] = nbf;
        if (claims is not null)
            foreach (var (k, v) in JsonSerializer.SerializeToNode(claims)!.AsObject())
                if (v is null)
                    payload.Remove(k);
                else
                    payload[k] = v.DeepClone();
        return Sign(new JsonObject { ["alg"] = Alg, ["kid"] = kid ?? Kid, ["typ"] = "JWT" }.ToJsonString(), payload.ToJsonString());
    }

    /// <summary>Signs any header and payload text (malformed ones included).</summary>
    public string Sign(string header, string payload)
    {
        var signed = B64(Encoding.UTF8.GetBytes(header)) + "." + B64(Encoding.UTF8.GetBytes(payload));
        var data = Encoding.ASCII.GetBytes(signed);
        var sig = _rsa is not null
            ? _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : _ec!.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signed + "." + B64(sig);
    }

    public static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public static string B64(string text) => B64(Encoding.UTF8.GetBytes(text));

    public void Dispose()
    {
        _rsa?.Dispose();
        _ec?.Dispose();
    }
}
