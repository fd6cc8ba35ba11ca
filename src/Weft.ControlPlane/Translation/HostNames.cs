namespace Weft.ControlPlane.Translation;

/// <summary>Istio's host name rules: short names, wildcards, and the names a client may call a service by.</summary>
public static class HostNames
{
    public const string DomainSuffix = "cluster.local";

    /// <summary>
    /// Istio's ResolveShortnameToFQDN: a name without a dot is relative to the namespace of the
    /// object that wrote it (<c>reviews</c> in a VirtualService of <c>bookinfo</c> is
    /// <c>reviews.bookinfo.svc.cluster.local</c>); any name with a dot, and <c>*</c>, is taken as written.
    /// </summary>
    public static string Resolve(string host, string ns)
    {
        if (host == "*" || host.Contains('.', StringComparison.Ordinal))
            return host.ToLowerInvariant();
        return $"{host}.{ns}.svc.{DomainSuffix}".ToLowerInvariant();
    }

    public static string ServiceFqdn(string name, string ns) => $"{name}.{ns}.svc.{DomainSuffix}";

    /// <summary>Whether <paramref name="pattern"/> (exact, <c>*</c> or <c>*.suffix</c>) covers <paramref name="host"/> (which may itself be a wildcard).</summary>
    public static bool Matches(string pattern, string host)
    {
        if (pattern == "*")
            return true;
        if (pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            var suffix = pattern[1..];
            if (host.StartsWith("*.", StringComparison.Ordinal))
                return host[1..].EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
            return host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
        }
        return string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether two host patterns overlap (either covers the other).</summary>
    public static bool Overlap(string a, string b) => Matches(a, b) || Matches(b, a);

    /// <summary>How specific a pattern is: exact names first, then longer wildcards (Istio's MostSpecificHostMatch).</summary>
    public static int Specificity(string pattern) =>
        pattern == "*" ? 0 : pattern.StartsWith('*') ? pattern.Length : 100_000 + pattern.Length;

    /// <summary>
    /// Every name a client in <paramref name="clientNamespace"/> may use for a service, as Istio's
    /// generateVirtualHostDomains: the FQDN, and for a Kubernetes service <c>NAME.NS.svc</c>,
    /// <c>NAME.NS</c> and, from its own namespace, <c>NAME</c>.
    /// </summary>
    public static IEnumerable<string> CallableNames(MeshService service, string clientNamespace)
    {
        yield return service.Hostname;
        foreach (var address in service.Addresses)
            yield return address;
        if (!service.IsKubernetesService)
            yield break;
        var name = service.Name;
        if (service.Namespace == clientNamespace)
            yield return name;
        yield return $"{name}.{service.Namespace}.svc";
        yield return $"{name}.{service.Namespace}";
    }
}
