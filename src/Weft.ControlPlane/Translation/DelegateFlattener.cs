using System.Collections.Immutable;
using Weft.Api.Model.Networking;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// Istio's delegate VirtualServices (pilot's mergeVirtualServicesIfNeeded): a root http route
/// naming a delegate is replaced by the delegate's routes, each match block ANDed with the
/// root's (one combination per pair; a combination that contradicts itself is dropped), and
/// the root's rewrite, timeout, retries, fault, mirror, CORS and headers filled in where the
/// delegate leaves them unset. A delegate missing, or not exported to the root's namespace,
/// contributes nothing.
/// </summary>
public static class DelegateFlattener
{
    public static ImmutableArray<FlatHttpRoute> Flatten(PushContext push, VirtualServiceEntry root)
    {
        var result = ImmutableArray.CreateBuilder<FlatHttpRoute>();
        foreach (var route in root.Spec.Http ?? [])
        {
            if (route.Delegate is not { Name: { Length: > 0 } name } d)
            {
                result.Add(new FlatHttpRoute(route, root.Namespace, root.Id));
                continue;
            }
            var ns = string.IsNullOrEmpty(d.Namespace) ? root.Namespace : d.Namespace;
            if (push.Delegate(ns, name) is not { } delegateVs)
                continue;
            var exportTo = Visibility.Of(delegateVs.Spec?.ExportTo, push.Mesh.DefaultVirtualServiceExportTo, ns);
            if (!exportTo.VisibleTo(root.Namespace))
                continue;
            foreach (var inner in delegateVs.Spec?.Http ?? [])
            {
                // Istio allows one level of delegation: a delegate naming another delegate is ignored.
                if (inner.Delegate is not null)
                    continue;
                if (MergeMatches(route.Match, inner.Match) is not { } matches)
                    continue;
                result.Add(new FlatHttpRoute(Merge(route, inner) with { Match = matches }, ns, $"{delegateVs.Name}.{ns}"));
            }
        }
        return result.ToImmutable();
    }

    private static HttpRoute Merge(HttpRoute root, HttpRoute d) => d with
    {
        Rewrite = d.Rewrite ?? root.Rewrite,
        Timeout = d.Timeout ?? root.Timeout,
        Retries = d.Retries ?? root.Retries,
        Fault = d.Fault ?? root.Fault,
        Mirror = d.Mirror ?? root.Mirror,
        Mirrors = d.Mirrors ?? root.Mirrors,
        MirrorPercentage = d.MirrorPercentage ?? root.MirrorPercentage,
        MirrorPercent = d.MirrorPercent ?? root.MirrorPercent,
        CorsPolicy = d.CorsPolicy ?? root.CorsPolicy,
        Headers = d.Headers ?? root.Headers,
    };

    /// <summary>Null when every combination contradicts itself (the delegate route can never match).</summary>
    private static IReadOnlyList<HttpMatchRequest>? MergeMatches(IReadOnlyList<HttpMatchRequest>? root, IReadOnlyList<HttpMatchRequest>? inner)
    {
        if (root is not { Count: > 0 })
            return inner ?? [];
        if (inner is not { Count: > 0 })
            return root;
        var merged = new List<HttpMatchRequest>();
        foreach (var r in root)
            foreach (var i in inner)
                if (Merge(r, i) is { } m)
                    merged.Add(m);
        return merged.Count == 0 ? null : merged;
    }

    private static HttpMatchRequest? Merge(HttpMatchRequest root, HttpMatchRequest d)
    {
        if (d.Uri is not null && root.Uri is not null && !Within(d.Uri, root.Uri))
            return null;
        if (!Same(root.Method, d.Method) || !Same(root.Authority, d.Authority) || !Same(root.Scheme, d.Scheme))
            return null;
        if (root.Port is { } rp && d.Port is { } dp && rp != dp)
            return null;
        var headers = Union(root.Headers, d.Headers);
        var query = Union(root.QueryParams, d.QueryParams);
        var without = Union(root.WithoutHeaders, d.WithoutHeaders);
        if (headers.Conflict || query.Conflict || without.Conflict)
            return null;
        return d with
        {
            Uri = d.Uri ?? root.Uri,
            Method = d.Method ?? root.Method,
            Authority = d.Authority ?? root.Authority,
            Scheme = d.Scheme ?? root.Scheme,
            Port = d.Port ?? root.Port,
            Headers = headers.Map,
            QueryParams = query.Map,
            WithoutHeaders = without.Map,
            IgnoreUriCase = d.IgnoreUriCase ?? root.IgnoreUriCase,
            // Who may send is the root's to say.
            SourceLabels = root.SourceLabels,
            SourceNamespace = root.SourceNamespace,
            Gateways = root.Gateways,
            Name = d.Name ?? root.Name,
        };
    }

    /// <summary>Whether the delegate's uri match only takes what the root's already takes.</summary>
    private static bool Within(StringMatch inner, StringMatch outer) =>
        outer.Exact is { } e ? inner.Exact == e
        : outer.Prefix is { } p ? (inner.Exact ?? inner.Prefix)?.StartsWith(p, StringComparison.Ordinal) == true
        : outer.Regex is { } r && inner.Regex == r;

    private static bool Same(StringMatch? a, StringMatch? b) => a is null || b is null || a == b;

    private static (IReadOnlyDictionary<string, StringMatch>? Map, bool Conflict) Union(IReadOnlyDictionary<string, StringMatch>? a, IReadOnlyDictionary<string, StringMatch>? b)
    {
        if (a is null || a.Count == 0)
            return (b, false);
        if (b is null || b.Count == 0)
            return (a, false);
        var merged = new Dictionary<string, StringMatch>(b, StringComparer.Ordinal);
        foreach (var (k, v) in a)
        {
            if (merged.TryGetValue(k, out var existing) && existing != v)
                return (null, true);
            merged[k] = v;
        }
        return (merged, false);
    }
}
