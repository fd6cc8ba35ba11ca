using System.Security.Cryptography;

namespace Weft.Proxy.Security.Jwt;

/// <summary>
/// One public key of a JSON Web Key Set, imported once per snapshot: its id and algorithm (either
/// may be absent: it then matches any token's) and the RSA or EC key that verifies signatures.
/// </summary>
public sealed class JwtKey : IDisposable
{
    private readonly RSA? _rsa;
    private readonly ECDsa? _ec;

    private JwtKey(string? kid, JwtAlgorithm alg, RSA? rsa, ECDsa? ec, string? curve)
        => (Kid, Alg, _rsa, _ec, Curve) = (kid, alg, rsa, ec, curve);

    public string? Kid { get; }

    /// <summary>The key's <c>alg</c>; <see cref="JwtAlgorithm.None"/> when it names none.</summary>
    public JwtAlgorithm Alg { get; }

    public string? Curve { get; }

    public bool IsRsa => _rsa is not null;

    public static JwtKey Rsa(string? kid, JwtAlgorithm alg, byte[] modulus, byte[] exponent) =>
        new(kid, alg, RSA.Create(new RSAParameters { Modulus = modulus, Exponent = exponent }), null, null);

    public static JwtKey Ec(string? kid, JwtAlgorithm alg, string curve, byte[] x, byte[] y)
    {
        var named = curve switch
        {
            "P-256" => ECCurve.NamedCurves.nistP256,
            "P-384" => ECCurve.NamedCurves.nistP384,
            "P-521" => ECCurve.NamedCurves.nistP521,
            _ => throw new ArgumentException($"curve \"{curve}\" is not supported (P-256, P-384 and P-521 are)"),
        };
        return new(kid, alg, null, ECDsa.Create(new ECParameters { Curve = named, Q = new ECPoint { X = x, Y = y } }), curve);
    }

    /// <summary>Whether this key can check a token signed with <paramref name="alg"/> (and, when both name one, the token's <paramref name="kid"/>).</summary>
    public bool Fits(JwtAlgorithm alg, string? kid)
    {
        if (kid is not null && Kid is not null && !string.Equals(kid, Kid, StringComparison.Ordinal))
            return false;
        if (Alg != JwtAlgorithm.None && Alg != alg)
            return false;
        return alg.IsRsa() ? _rsa is not null : _ec is not null && alg.Curve() == Curve;
    }

    // RSA and ECDsa on OpenSSL verify on a context of their own per call, so one imported key
    // serves concurrent requests without a lock.
    public bool Verify(JwtAlgorithm alg, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        try
        {
            if (_rsa is not null)
                return _rsa.VerifyData(data, signature, alg.Hash(), alg >= JwtAlgorithm.PS256 ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
            return _ec is not null && _ec.VerifyData(data, signature, alg.Hash(), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _rsa?.Dispose();
        _ec?.Dispose();
    }
}
