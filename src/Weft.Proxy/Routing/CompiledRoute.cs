using System.Text;
using System.Text.RegularExpressions;
using Weft.Discovery.Routes;
using Route = Weft.Discovery.Routes.Route;
using Weft.Discovery.Validation;
using Weft.Proxy.Upstream;

namespace Weft.Proxy.Routing;

/// <summary>A route compiled once per snapshot: matchers, destinations with cumulative weights, policies.</summary>
public sealed class CompiledRoute
{
    public CompiledRoute(Route r, IReadOnlyDictionary<string, ClusterRuntime> clusters)
    {
        Name = r.Name;
        Match = new CompiledRouteMatch(r.Match);
        RequestOps = CompiledHeaderOps.Compile(r.RequestHeaders);
        ResponseOps = CompiledHeaderOps.Compile(r.ResponseHeaders);
        Redirect = r.Redirect;
        DirectResponse = r.DirectResponse;
        DirectResponseBody = r.DirectResponse?.Body is { } b ? Encoding.UTF8.GetBytes(b) : null;
        Fault = r.Fault;
        Cors = r.Cors is null ? null : new CompiledCors(r.Cors);
        if (r.Forward is { } f)
        {
            Destinations = [.. f.Clusters.Select(c => new CompiledDestination(clusters[c.Name], c.Weight, CompiledHeaderOps.Compile(c.RequestHeaders), CompiledHeaderOps.Compile(c.ResponseHeaders)))];
            foreach (var d in Destinations)
                TotalWeight += d.Weight;
            Timeout = f.Timeout is { } t && t > TimeSpan.Zero ? t : null;
            Retry = f.Retry is { Attempts: > 0 } rp ? new CompiledRetryPolicy(rp) : null;
            HostRewrite = f.HostRewrite;
            if (f.Rewrite is { } rw)
            {
                PrefixRewrite = rw.Prefix;
                FullPathRewrite = rw.FullPath;
                RegexRewrite = rw.Regex is { } rx ? SnapshotRegex.Create(rx, fullMatch: false) : null;
                // RE2 writes groups as \1; .NET as $1.
                RegexSubstitution = rw.Substitution is { } s ? Regex.Replace(s, @"\\(\d)", "$$$1") : null;
            }
            Mirrors = [.. f.Mirrors.Select(m => (clusters[m.Cluster], m.Percent))];
        }
    }

    public string Name { get; }

    public CompiledRouteMatch Match { get; }

    public CompiledDestination[] Destinations { get; } = [];

    public int TotalWeight { get; }

    public TimeSpan? Timeout { get; }

    public CompiledRetryPolicy? Retry { get; }

    public string? HostRewrite { get; }

    public string? PrefixRewrite { get; }

    public string? FullPathRewrite { get; }

    public Regex? RegexRewrite { get; }

    public string? RegexSubstitution { get; }

    public (ClusterRuntime Cluster, double Percent)[] Mirrors { get; } = [];

    public CompiledHeaderOps RequestOps { get; }

    public CompiledHeaderOps ResponseOps { get; }

    public RedirectAction? Redirect { get; }

    public DirectResponseAction? DirectResponse { get; }

    public byte[]? DirectResponseBody { get; }

    public FaultPolicy? Fault { get; }

    public CompiledCors? Cors { get; }

    public bool HasRewrite => PrefixRewrite is not null || FullPathRewrite is not null || RegexRewrite is not null;

    /// <summary>Weighted pick of a destination (Envoy picks at random by weight).</summary>
    public CompiledDestination PickDestination()
    {
        var d = Destinations;
        if (d.Length == 1)
            return d[0];
        var r = Random.Shared.Next(TotalWeight);
        foreach (var dest in d)
        {
            r -= dest.Weight;
            if (r < 0)
                return dest;
        }
        return d[^1];
    }

    /// <summary>The path sent upstream after this route's rewrite (query kept).</summary>
    public string RewritePath(string path, string query)
    {
        if (FullPathRewrite is { } full)
            return full + query;
        if (PrefixRewrite is { } prefix)
        {
            var matched = Match.Path is { IsExact: true } ? path.Length : Math.Max(0, Match.Path?.PrefixLength ?? 0);
            return prefix + path[Math.Min(matched, path.Length)..] + query;
        }
        if (RegexRewrite is { } rx)
            return rx.Replace(path, RegexSubstitution!) + query;
        return path + query;
    }
}
