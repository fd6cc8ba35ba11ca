using System.Net;
using System.Text.RegularExpressions;
using Weft.Api.Model;

namespace Weft.Api.Validation;

/// <summary>
/// Checks shared by many kinds: DNS names, label keys and values, ports, durations, addresses,
/// regular expressions. Each returns the error (or null) so callers can <c>yield</c> it.
/// </summary>
public static partial class Rules
{
    public const string Dns1123LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    public const string Dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    public const string Dns1035LabelMessage =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    public static bool IsDns1123Label(string? s) => s is { Length: > 0 and <= 63 } && Dns1123Label().IsMatch(s);

    public static bool IsDns1123Subdomain(string? s) => s is { Length: > 0 and <= 253 } && Dns1123Subdomain().IsMatch(s);

    public static bool IsDns1035Label(string? s) => s is { Length: > 0 and <= 63 } && Dns1035Label().IsMatch(s);

    public static FieldError? Dns1123Label(string path, string? value) =>
        value is null ? FieldError.Required(path)
        : value.Length > 63 ? FieldError.Invalid(path, value, "must be no more than 63 characters")
        : IsDns1123Label(value) ? null : FieldError.Invalid(path, value, Dns1123LabelMessage);

    public static FieldError? Dns1123Subdomain(string path, string? value) =>
        value is null ? FieldError.Required(path)
        : value.Length > 253 ? FieldError.Invalid(path, value, "must be no more than 253 characters")
        : IsDns1123Subdomain(value) ? null : FieldError.Invalid(path, value, Dns1123SubdomainMessage);

    public static FieldError? Dns1035Label(string path, string? value) =>
        value is null ? FieldError.Required(path)
        : value.Length > 63 ? FieldError.Invalid(path, value, "must be no more than 63 characters")
        : IsDns1035Label(value) ? null : FieldError.Invalid(path, value, Dns1035LabelMessage);

    /// <summary>A label or annotation key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static FieldError? QualifiedName(string path, string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length == 0)
                return FieldError.Invalid(path, key, "prefix part must be non-empty");
            if (!IsDns1123Subdomain(prefix))
                return FieldError.Invalid(path, key, "prefix part " + Dns1123SubdomainMessage);
        }
        if (name.Length == 0)
            return FieldError.Invalid(path, key, "name part must be non-empty");
        if (name.Length > 63)
            return FieldError.Invalid(path, key, "name part must be no more than 63 characters");
        if (!QualifiedNamePart().IsMatch(name))
            return FieldError.Invalid(path, key,
                "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
        return null;
    }

    /// <summary>A label value: empty, or at most 63 characters of alphanumerics, '-', '_' and '.', starting and ending alphanumeric.</summary>
    public static FieldError? LabelValue(string path, string value)
    {
        if (value.Length == 0)
            return null;
        if (value.Length > 63)
            return FieldError.Invalid(path, value, "must be no more than 63 characters");
        return QualifiedNamePart().IsMatch(value) ? null : FieldError.Invalid(path, value,
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    }

    /// <summary>Every key and value of a label map.</summary>
    public static IEnumerable<FieldError> Labels(string path, IReadOnlyDictionary<string, string>? labels)
    {
        if (labels is null)
            yield break;
        foreach (var (k, v) in labels)
        {
            if (QualifiedName(path, k) is { } keyError)
                yield return keyError;
            if (LabelValue(FieldPath.Key(path, k), v) is { } valueError)
                yield return valueError;
        }
    }

    /// <summary>A port number in 1..65535 (Istio's wording: "port must be between 1-65535").</summary>
    public static FieldError? Port(string path, long? port) =>
        port is null ? FieldError.Required(path)
        : port is < 1 or > 65535 ? FieldError.Invalid(path, port.Value, "port must be between 1-65535")
        : null;

    /// <summary>A duration that parses and is at least <paramref name="min"/> (Istio: "must be a valid duration greater than 1ms").</summary>
    public static FieldError? Duration(string path, Duration? duration, TimeSpan? min = null, TimeSpan? max = null)
    {
        if (duration is not { } d)
            return null;
        var minText = min is { } m ? Model.Duration.Format(m) : null;
        if (!d.TryGetValue(out var value) || value < TimeSpan.Zero)
            return FieldError.Invalid(path, d.Text, minText is null ? "must be a valid duration" : $"must be a valid duration greater than {minText}");
        if (min is { } lo && value < lo)
            return FieldError.Invalid(path, d.Text, $"must be a valid duration greater than {minText}");
        if (max is { } hi && value > hi)
            return FieldError.Invalid(path, d.Text, $"must be a valid duration less than {Model.Duration.Format(hi)}");
        return null;
    }

    public static bool IsIp(string? s) => s is not null && IPAddress.TryParse(s, out var ip) && ip.ToString().Length > 0 && !s.Contains('/', StringComparison.Ordinal) && IsCanonicalEnough(s);

    private static bool IsCanonicalEnough(string s) =>
        // IPAddress.TryParse accepts "1" and "1.2"; Istio (Go's net.ParseIP) does not.
        s.Contains(':', StringComparison.Ordinal) || s.Count(c => c == '.') == 3;

    public static bool IsCidr(string? s)
    {
        if (s is null)
            return false;
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
            return false;
        if (!IsIp(s[..slash]) || !int.TryParse(s.AsSpan(slash + 1), out var bits))
            return false;
        var max = s.Contains(':', StringComparison.Ordinal) ? 128 : 32;
        return bits >= 0 && bits <= max && s[(slash + 1)..] == bits.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>An IP address or CIDR range.</summary>
    public static FieldError? IpOrCidr(string path, string value) =>
        IsIp(value) || IsCidr(value) ? null : FieldError.Invalid(path, value, "must be an IP address or a CIDR range");

    /// <summary>
    /// A regular expression Envoy can run (RE2): it must compile, and it must not use what RE2
    /// lacks (lookaround, backreferences, atomic groups, possessive quantifiers).
    /// </summary>
    public static FieldError? Re2Regex(string path, string? pattern)
    {
        if (pattern is null)
            return null;
        if (Re2Unsupported().Match(pattern) is { Success: true } m)
            return FieldError.Invalid(path, pattern, $"\"{m.Value}\" is not supported by RE2 (no lookaround, backreferences or atomic groups)");
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (ArgumentException ex)
        {
            return FieldError.Invalid(path, pattern, "invalid regex: " + ex.Message);
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1035Label();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedNamePart();

    [GeneratedRegex(@"\(\?[=!>]|\(\?<[=!]|\\[1-9]|\\k<|[*+?}][+]", RegexOptions.CultureInvariant)]
    private static partial Regex Re2Unsupported();
}
