namespace Weft.Api.Validation.Istio;

/// <summary>
/// Which strings Go's <c>net/url.ParseRequestURI</c> accepts, and the scheme it finds. Istio's CRD
/// rules (CEL <c>isURL</c> and <c>url()</c>) and webhook both use it to judge WasmPlugin URLs and
/// JWKS URIs, so Weft follows its rules rather than .NET's Uri, which accepts and refuses other strings.
/// </summary>
public static class GoUrl
{
    /// <summary>Parses as ParseRequestURI does: an absolute URI, or an absolute path. The scheme is lower-cased ("" for a path).</summary>
    public static bool TryParseRequestUri(string text, out string scheme, out string? error)
    {
        scheme = "";
        error = null;
        foreach (var c in text)
        {
            if (c < 0x20 || c == 0x7f)
            {
                error = "invalid control character in URL";
                return false;
            }
        }
        if (text.Length == 0)
        {
            error = "empty url";
            return false;
        }
        if (text == "*")
            return true;
        if (!TrySplitScheme(text, out scheme, out var rest, out error))
            return false;
        scheme = scheme.ToLowerInvariant();
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
            rest = rest[..q];
        if (!rest.StartsWith('/'))
        {
            if (scheme.Length > 0)
                return true; // an opaque URI such as mailto:x
            error = "invalid URI for request";
            return false;
        }
        if (scheme.Length > 0 && rest.StartsWith("//", StringComparison.Ordinal))
        {
            var authority = rest[2..];
            var slash = authority.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                rest = authority[slash..];
                authority = authority[..slash];
            }
            else
            {
                rest = "";
            }
            if (!ValidAuthority(authority, out error))
                return false;
        }
        if (!ValidEscapes(rest))
        {
            error = "invalid URL escape in path";
            return false;
        }
        return true;
    }

    // Go's getScheme: letters, then letters, digits, '+', '-' or '.', then ':'. Anything else means "no scheme".
    private static bool TrySplitScheme(string text, out string scheme, out string rest, out string? error)
    {
        scheme = "";
        rest = text;
        error = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetter(c))
                continue;
            if (char.IsAsciiDigit(c) || c is '+' or '-' or '.')
            {
                if (i == 0)
                    return true;
                continue;
            }
            if (c == ':')
            {
                if (i == 0)
                {
                    error = "missing protocol scheme";
                    return false;
                }
                scheme = text[..i];
                rest = text[(i + 1)..];
                return true;
            }
            return true;
        }
        return true;
    }

    private static bool ValidAuthority(string authority, out string? error)
    {
        error = null;
        var at = authority.LastIndexOf('@');
        var host = at < 0 ? authority : authority[(at + 1)..];
        if (at >= 0)
        {
            foreach (var c in authority[..at])
            {
                if (!char.IsAsciiLetterOrDigit(c) && !"-._:~!$&'()*+,;=%@".Contains(c, StringComparison.Ordinal))
                {
                    error = "invalid userinfo";
                    return false;
                }
            }
        }
        if (host.StartsWith('['))
        {
            var close = host.LastIndexOf(']');
            if (close < 0)
            {
                error = "missing ']' in host";
                return false;
            }
            if (!ValidOptionalPort(host[(close + 1)..]))
            {
                error = $"invalid port \"{host[(close + 1)..]}\" after host";
                return false;
            }
            return true;
        }
        var colon = host.LastIndexOf(':');
        if (colon >= 0 && !ValidOptionalPort(host[colon..]))
        {
            error = $"invalid port \"{host[colon..]}\" after host";
            return false;
        }
        for (var i = 0; i < host.Length; i++)
        {
            var c = host[i];
            if (c == '%')
            {
                if (i + 2 >= host.Length || !char.IsAsciiHexDigit(host[i + 1]) || !char.IsAsciiHexDigit(host[i + 2]))
                {
                    error = "invalid URL escape in host";
                    return false;
                }
                i += 2;
                continue;
            }
            if (c < 0x80 && !char.IsAsciiLetterOrDigit(c) && !"-._~!$&'()*+,;=:[]<>\"".Contains(c, StringComparison.Ordinal))
            {
                error = $"invalid character \"{c}\" in host name";
                return false;
            }
        }
        return true;
    }

    private static bool ValidOptionalPort(string port)
    {
        if (port.Length == 0)
            return true;
        if (port[0] != ':')
            return false;
        foreach (var c in port.AsSpan(1))
            if (!char.IsAsciiDigit(c))
                return false;
        return true;
    }

    private static bool ValidEscapes(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '%')
                continue;
            if (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2]))
                return false;
            i += 2;
        }
        return true;
    }
}
