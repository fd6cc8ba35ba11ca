namespace Weft.Identity.Spiffe;

/// <summary>
/// The rules for a SPIFFE trust domain name (SPIFFE-ID spec, section 2.1): lowercase letters,
/// digits, dots, dashes and underscores only, at most 255 characters. No port, no user info:
/// a trust domain is a name, not an address.
/// </summary>
public static class TrustDomain
{
    /// <summary>Istio's and Weft's default.</summary>
    public const string Default = "cluster.local";

    public const int MaxLength = 255;

    /// <summary>Why <paramref name="name"/> is not a trust domain, or null when it is one.</summary>
    public static string? Check(string? name)
    {
        if (string.IsNullOrEmpty(name))
            return "the trust domain is empty";
        if (name.Length > MaxLength)
            return $"the trust domain is {name.Length} characters long; at most {MaxLength} are allowed";
        foreach (var c in name)
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-' or '_')
                continue;
            if (c is >= 'A' and <= 'Z')
                return $"the trust domain \"{name}\" has an uppercase letter '{c}'; SPIFFE trust domains are lowercase";
            if (c == ':')
                return $"the trust domain \"{name}\" has a port or a colon; a trust domain is a name, not an address";
            if (c == '@')
                return $"the trust domain \"{name}\" has user info ('@'), which SPIFFE forbids";
            return $"the trust domain \"{name}\" has the character '{c}'; only a-z, 0-9, '.', '-' and '_' are allowed";
        }
        return null;
    }

    /// <exception cref="ArgumentException">The name is not a trust domain; the message says why.</exception>
    public static string Require(string? name, string paramName = "trustDomain") =>
        Check(name) is { } error ? throw new ArgumentException(error, paramName) : name!;
}
