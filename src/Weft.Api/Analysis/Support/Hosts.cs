using System.Text.RegularExpressions;
using Weft.Api.Validation.Networking;

namespace Weft.Api.Analysis.Support;

/// <summary>
/// Host names as Istio's analyzers read them: short names are relative to a namespace
/// (<c>reviews</c> in <c>default</c> is <c>reviews.default.svc.cluster.local</c>), wildcards cover
/// suffixes, and gateway hosts may be qualified by namespace (<c>ns/host</c>, <c>./host</c>, <c>*/host</c>).
/// </summary>
internal static partial class Hosts
{
    public const string MeshGateway = "mesh";

    public const string ExportToAll = "*";

    public const string ExportToLocal = ".";

    /// <summary>A short name (no dot, no wildcard) made a FQDN in the namespace; anything else as written.</summary>
    public static string ToFqdn(string ns, string host, string domainSuffix) =>
        !HostNames.IsWildcarded(host) && !host.Contains('.', StringComparison.Ordinal) ? $"{host}.{ns}.svc.{domainSuffix}" : host;

    /// <summary>The service a Kubernetes FQDN names (<c>a.b.svc.cluster.local</c> is b/a); null for other hosts.</summary>
    public static ObjectName? ServiceOf(string fqdn)
    {
        var m = KubernetesFqdn().Match(fqdn);
        return m.Success ? new ObjectName(m.Groups[2].Value, m.Groups[1].Value) : null;
    }

    /// <summary>The service a destination host names: a Kubernetes FQDN, or a short name in <paramref name="defaultNamespace"/>.</summary>
    public static ObjectName ResourceOf(string defaultNamespace, string host) =>
        ServiceOf(host) ?? new ObjectName(defaultNamespace, host);

    /// <summary>
    /// The hosts of a list (<c>host</c>, <c>ns/host</c>, <c>*/host</c>) that are visible in a namespace, with
    /// the namespace part removed (Istio's <c>host.NamesForNamespace</c>).
    /// </summary>
    public static IEnumerable<string> ForNamespace(IEnumerable<string> hosts, string ns)
    {
        foreach (var h in hosts)
        {
            var slash = h.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                yield return h;
                continue;
            }
            var scope = h[..slash];
            if (scope == ns || scope == "*")
                yield return h[(slash + 1)..];
        }
    }

    // Istio's analyzers recognise Kubernetes service names by this shape (pkg/config/analysis/analyzers/util).
    [GeneratedRegex(@"^(.+)\.(.+)\.svc\.cluster\.local$", RegexOptions.CultureInvariant)]
    private static partial Regex KubernetesFqdn();
}
