namespace Weft.Api.Validation.Networking;

/// <summary>
/// How Istio compares possibly-wildcarded host names (<c>*.example.com</c> covers
/// <c>a.example.com</c>; <c>*</c> covers everything).
/// </summary>
public static class HostNames
{
    public static bool IsWildcarded(string host) => host.Length > 0 && host[0] == '*';

    /// <summary>Whether the two names overlap: equal, or one's wildcard covers the other.</summary>
    public static bool Matches(string a, string b)
    {
        var aw = IsWildcarded(a);
        var bw = IsWildcarded(b);
        if (aw && bw)
            return a.Length < b.Length ? b[1..].EndsWith(a[1..], StringComparison.Ordinal) : a[1..].EndsWith(b[1..], StringComparison.Ordinal);
        if (aw)
            return b.EndsWith(a[1..], StringComparison.Ordinal);
        if (bw)
            return a.EndsWith(b[1..], StringComparison.Ordinal);
        return a == b;
    }

    /// <summary>Whether <paramref name="host"/> is covered by <paramref name="of"/> (one direction of <see cref="Matches"/>).</summary>
    public static bool SubsetOf(string host, string of)
    {
        var hw = IsWildcarded(host);
        var ow = IsWildcarded(of);
        if (hw)
            return ow && host.Length >= of.Length && host[1..].EndsWith(of[1..], StringComparison.Ordinal);
        if (ow)
            return host.EndsWith(of[1..], StringComparison.Ordinal);
        return host == of;
    }
}
