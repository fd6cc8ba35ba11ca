using System.Text.RegularExpressions;

namespace Weft.Api.Validation.Security;

/// <summary>
/// The forms of the values an AuthorizationPolicy matches. Istio matches a value exactly, by
/// prefix (<c>abc*</c>), by suffix (<c>*abc</c>) or by presence (<c>*</c>); a '*' anywhere else is
/// taken literally and never matches, so Weft refuses it where it cannot be meant.
/// </summary>
public static partial class AuthorizationValues
{
    /// <summary>The value with its leading or trailing wildcard removed, or null when '*' is elsewhere too.</summary>
    public static string? WithoutWildcard(string value)
    {
        if (value == "*")
            return "";
        var v = value.StartsWith('*') ? value[1..] : value.EndsWith('*') ? value[..^1] : value;
        return v.Contains('*', StringComparison.Ordinal) ? null : v;
    }

    public static bool HasWildcard(string value) => value.StartsWith('*') || value.EndsWith('*');

    /// <summary>Istio refuses empty strings in every list of a rule.</summary>
    public static FieldError? NotEmpty(string path, string value) =>
        value.Length == 0 ? FieldError.Invalid(path, value, "empty value not allowed") : null;

    /// <summary>A value that may only use '*' as a prefix, suffix or presence match.</summary>
    public static FieldError? Wildcard(string path, string value) =>
        value.Length > 0 && WithoutWildcard(value) is null
            ? FieldError.Invalid(path, value, "'*' is only supported at the start or the end of a value (a suffix, prefix or presence match)")
            : null;

    /// <summary>
    /// A peer principal: <c>TRUST_DOMAIN/ns/NAMESPACE/sa/SERVICE_ACCOUNT</c>, written without the
    /// <c>spiffe://</c> scheme Istio adds itself. Short forms without '/' are accepted, as Istio does.
    /// </summary>
    public static FieldError? Principal(string path, string value)
    {
        if (NotEmpty(path, value) is { } empty)
            return empty;
        if (value.StartsWith("spiffe://", StringComparison.OrdinalIgnoreCase))
            return FieldError.Invalid(path, value,
                $"a principal is written without \"spiffe://\" (\"{value["spiffe://".Length..]}\"); Istio adds the scheme itself, so this value never matches");
        if (Wildcard(path, value) is { } wildcard)
            return wildcard;
        if (value.Any(char.IsWhiteSpace))
            return FieldError.Invalid(path, value, "a principal contains no whitespace");
        if (!HasWildcard(value) && value.Contains('/', StringComparison.Ordinal) && !PrincipalForm().IsMatch(value))
            return FieldError.Invalid(path, value, "a principal is TRUST_DOMAIN/ns/NAMESPACE/sa/SERVICE_ACCOUNT (for example cluster.local/ns/default/sa/sleep)");
        return null;
    }

    /// <summary>A namespace name, possibly with a leading or trailing wildcard.</summary>
    public static FieldError? Namespace(string path, string value)
    {
        if (NotEmpty(path, value) is { } empty)
            return empty;
        if (Wildcard(path, value) is { } wildcard)
            return wildcard;
        var bare = WithoutWildcard(value)!;
        if (HasWildcard(value))
            return NamespaceChars().IsMatch(bare) ? null : FieldError.Invalid(path, value, "a namespace consists of lower case alphanumeric characters or '-'");
        return Rules.Dns1123Label(path, value);
    }

    /// <summary>A service account, <c>NAMESPACE/NAME</c> or <c>NAME</c> (in the policy's namespace); no wildcards.</summary>
    public static FieldError? ServiceAccount(string path, string value)
    {
        if (NotEmpty(path, value) is { } empty)
            return empty;
        if (value.Contains('*', StringComparison.Ordinal))
            return FieldError.Invalid(path, value, "wildcards are not supported in service accounts");
        var parts = value.Split('/');
        if (parts.Length > 2)
            return FieldError.Invalid(path, value, "a service account is NAMESPACE/NAME or NAME");
        if (parts.Length == 2 && !Rules.IsDns1123Label(parts[0]))
            return FieldError.Invalid(path, value, $"the namespace \"{parts[0]}\" is not a lowercase RFC 1123 label");
        var name = parts[^1];
        return Rules.IsDns1123Subdomain(name) ? null
            : FieldError.Invalid(path, value, $"the service account name \"{name}\" is not a lowercase RFC 1123 subdomain");
    }

    /// <summary>An IP address or a CIDR range (ipBlocks, remoteIpBlocks, source.ip, destination.ip).</summary>
    public static FieldError? IpBlock(string path, string value)
    {
        if (NotEmpty(path, value) is { } empty)
            return empty;
        if (value.Contains('/', StringComparison.Ordinal))
            return Rules.IsCidr(value) ? null : FieldError.Invalid(path, value, "bad CIDR range: expected an address and a prefix length, such as 10.1.0.0/16");
        return Rules.IsIp(value) ? null : FieldError.Invalid(path, value, "bad IP address");
    }

    /// <summary>A port written as a string of digits, 0 to 65535 (ports, notPorts, destination.port).</summary>
    public static FieldError? Port(string path, string value)
    {
        if (NotEmpty(path, value) is { } empty)
            return empty;
        return value.All(char.IsAsciiDigit) && value.Length <= 5 && int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) <= 65535
            ? null
            : FieldError.Invalid(path, value, "bad port: must be a number from 0 to 65535");
    }

    /// <summary>An HTTP method: an RFC 7230 token, possibly with a leading or trailing wildcard.</summary>
    public static FieldError? Method(string path, string value)
    {
        if (NotEmpty(path, value) is { } empty)
            return empty;
        if (Wildcard(path, value) is { } wildcard)
            return wildcard;
        var bare = WithoutWildcard(value)!;
        return bare.Length == 0 || Token().IsMatch(bare) ? null : FieldError.Invalid(path, value, "an HTTP method is a token (letters, digits and !#$%&'+-.^_`|~), such as GET");
    }

    /// <summary>
    /// A path. A path template (<c>{*}</c> one segment, <c>{**}</c> any) must not also use named
    /// variables, empty braces or glob segments, which Envoy's matcher does not support.
    /// </summary>
    public static FieldError? Path(string path, string value)
    {
        if (NotEmpty(path, value) is { } empty)
            return empty;
        var template = value.Contains("{*}", StringComparison.Ordinal) || value.Contains("{**}", StringComparison.Ordinal);
        return template && UnsupportedTemplate().IsMatch(value)
            ? FieldError.Invalid(path, value, "invalid or unsupported path template: only {*} and {**} may be used in a template, without '*' segments or named variables")
            : null;
    }

    [GeneratedRegex(@"^[^/]+/ns/[^/]+/sa/[^/]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PrincipalForm();

    [GeneratedRegex(@"^[a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamespaceChars();

    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    [GeneratedRegex(@"\/{\w+\=\*[*]?\}|{\w*\}|\/\*[*]?|\*[*]?\/", RegexOptions.CultureInvariant)]
    private static partial Regex UnsupportedTemplate();
}
