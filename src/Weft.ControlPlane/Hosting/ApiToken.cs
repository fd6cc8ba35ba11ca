using System.Security.Cryptography;
using System.Text;

namespace Weft.ControlPlane.Hosting;

/// <summary>
/// The REST API's bearer token. Presented tokens are compared in constant time: both sides are
/// hashed first, so neither the content nor the length of the real token leaks through timing.
/// </summary>
public sealed class ApiToken
{
    private readonly byte[] _hash;

    public ApiToken(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>A new random token: 32 bytes, base64url without padding (43 characters).</summary>
    public static string Generate() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
