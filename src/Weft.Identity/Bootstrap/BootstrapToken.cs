using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Weft.Identity.Bootstrap;

/// <summary>
/// A one-time credential a VM uses to get its first certificate:
/// <c>weftbt.ID.SECRET</c>, ID 12 base64url characters (9 random bytes, not secret: it names the
/// grant in logs and errors), SECRET 43 (32 random bytes). The control plane keeps only the
/// secret's SHA-256 (the secret is random, so a plain hash suffices) and compares in constant time.
/// <see cref="ToString"/> hides the secret, so a token in a log line or exception stays harmless.
/// </summary>
public readonly struct BootstrapToken : IEquatable<BootstrapToken>
{
    public const string Prefix = "weftbt";
    private const int IdBytes = 9;
    private const int SecretBytes = 32;
    private static readonly int IdChars = Base64Url.GetEncodedLength(IdBytes);
    private static readonly int SecretChars = Base64Url.GetEncodedLength(SecretBytes);

    private readonly string _secret;

    private BootstrapToken(string id, string secret)
    {
        Id = id;
        _secret = secret;
    }

    /// <summary>Names the grant; safe to log.</summary>
    public string Id { get; }

    public static BootstrapToken Generate() => new(
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(IdBytes)),
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes)));

    /// <summary>The whole token, for the one place it is shown to its owner. Never log it.</summary>
    public string Reveal() => $"{Prefix}.{Id}.{_secret}";

    /// <summary>The SHA-256 of the secret: what is stored.</summary>
    public byte[] SecretHash() => SHA256.HashData(Encoding.ASCII.GetBytes(_secret));

    /// <summary>Whether this token's secret hashes to <paramref name="storedHash"/>, in constant time.</summary>
    public bool Matches(ReadOnlySpan<byte> storedHash) => CryptographicOperations.FixedTimeEquals(SecretHash(), storedHash);

    /// <summary>Reads a presented token; the error says what is wrong with its shape (never echoing the secret).</summary>
    public static bool TryParse(string? text, out BootstrapToken token, [NotNullWhen(false)] out string? error)
    {
        token = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "the bootstrap token is empty";
            return false;
        }
        var parts = text.Split('.');
        if (parts.Length != 3 || parts[0] != Prefix)
        {
            error = $"the bootstrap token is not of the form {Prefix}.ID.SECRET (as 'weft workload token create' prints it)";
            return false;
        }
        if (parts[1].Length != IdChars || !Base64Url.IsValid(parts[1]) || parts[2].Length != SecretChars || !Base64Url.IsValid(parts[2]))
        {
            error = $"the bootstrap token {Prefix}.{Safe(parts[1])}... is damaged (its ID is {IdChars} and its secret {SecretChars} base64url characters); copy it again whole";
            return false;
        }
        token = new BootstrapToken(parts[1], parts[2]);
        error = null;
        return true;
    }

    private static string Safe(string id) => id.Length <= IdChars && Base64Url.IsValid(id) ? id : "?";

    public override string ToString() => Id is null ? "(no token)" : $"{Prefix}.{Id}.(secret)";

    public bool Equals(BootstrapToken other) => Id == other.Id && _secret == other._secret;

    public override bool Equals(object? obj) => obj is BootstrapToken t && Equals(t);

    public override int GetHashCode() => HashCode.Combine(Id);

    public static bool operator ==(BootstrapToken left, BootstrapToken right) => left.Equals(right);

    public static bool operator !=(BootstrapToken left, BootstrapToken right) => !left.Equals(right);
}
