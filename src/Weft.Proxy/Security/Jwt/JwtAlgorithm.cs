using System.Security.Cryptography;

namespace Weft.Proxy.Security.Jwt;

/// <summary>The signature algorithms Weft verifies (JWA RS*, PS*, ES*): the key type each needs and how it verifies.</summary>
public enum JwtAlgorithm
{
    None,
    RS256,
    RS384,
    RS512,
    PS256,
    PS384,
    PS512,
    ES256,
    ES384,
    ES512,
}

public static class JwtAlgorithms
{
    public static JwtAlgorithm Parse(string alg) => alg switch
    {
        "RS256" => JwtAlgorithm.RS256,
        "RS384" => JwtAlgorithm.RS384,
        "RS512" => JwtAlgorithm.RS512,
        "PS256" => JwtAlgorithm.PS256,
        "PS384" => JwtAlgorithm.PS384,
        "PS512" => JwtAlgorithm.PS512,
        "ES256" => JwtAlgorithm.ES256,
        "ES384" => JwtAlgorithm.ES384,
        "ES512" => JwtAlgorithm.ES512,
        _ => JwtAlgorithm.None,
    };

    public static bool IsRsa(this JwtAlgorithm a) => a is >= JwtAlgorithm.RS256 and <= JwtAlgorithm.PS512;

    public static bool IsEc(this JwtAlgorithm a) => a is >= JwtAlgorithm.ES256 and <= JwtAlgorithm.ES512;

    public static HashAlgorithmName Hash(this JwtAlgorithm a) => a switch
    {
        JwtAlgorithm.RS384 or JwtAlgorithm.PS384 or JwtAlgorithm.ES384 => HashAlgorithmName.SHA384,
        JwtAlgorithm.RS512 or JwtAlgorithm.PS512 or JwtAlgorithm.ES512 => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };

    /// <summary>The curve an ES algorithm signs with (a key of another curve never matches it).</summary>
    public static string? Curve(this JwtAlgorithm a) => a switch
    {
        JwtAlgorithm.ES256 => "P-256",
        JwtAlgorithm.ES384 => "P-384",
        JwtAlgorithm.ES512 => "P-521",
        _ => null,
    };
}
