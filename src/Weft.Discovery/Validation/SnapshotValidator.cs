using System.Collections.Immutable;
using System.Net;
using Weft.Discovery.Clusters;
using Weft.Discovery.Listeners;
using Weft.Discovery.Routes;
using Weft.Discovery.Snapshot;

namespace Weft.Discovery.Validation;

/// <summary>
/// Checks a whole snapshot before a proxy swaps to it: references resolve, regexes compile,
/// weights add up, ports and durations are in range. Reports every error, not the first, so
/// the NACK tells the control plane's author everything at once.
/// </summary>
public static class SnapshotValidator
{
    private static readonly FrozenStrings KnownRetryOn = new(
        "5xx", "gateway-error", "reset", "connect-failure", "refused-stream", "retriable-4xx",
        "retriable-status-codes", "retriable-headers", "envoy-ratelimited", "http3-post-connect-failure",
        "cancelled", "deadline-exceeded", "internal", "resource-exhausted", "unavailable");

    private static readonly FrozenStrings RedirectCodes = new("301", "302", "303", "307", "308");

    public static ImmutableArray<SnapshotError> Validate(ProxySnapshot s)
    {
        var e = ImmutableArray.CreateBuilder<SnapshotError>();
        if (string.IsNullOrWhiteSpace(s.Version))
            e.Add(new("version", "is empty; every snapshot needs a version to ACK"));

        var clusters = new Dictionary<string, Cluster>(StringComparer.Ordinal);
        for (var i = 0; i < s.Clusters.Length; i++)
        {
            var c = s.Clusters[i];
            var at = Item("clusters", i, c.Name);
            if (!clusters.TryAdd(c.Name, c))
                e.Add(new(at, $"duplicate cluster name \"{c.Name}\""));
            ValidateCluster(c, at, e);
        }

        var routeConfigs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < s.RouteConfigurations.Length; i++)
        {
            var rc = s.RouteConfigurations[i];
            var at = Item("routeConfigurations", i, rc.Name);
            if (!routeConfigs.Add(rc.Name))
                e.Add(new(at, $"duplicate route configuration name \"{rc.Name}\""));
            ValidateRouteConfiguration(rc, at, clusters, e);
        }

        var listenerNames = new HashSet<string>(StringComparer.Ordinal);
        var sockets = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < s.Listeners.Length; i++)
        {
            var l = s.Listeners[i];
            var at = Item("listeners", i, l.Name);
            if (!listenerNames.Add(l.Name))
                e.Add(new(at, $"duplicate listener name \"{l.Name}\""));
            if (!IPAddress.TryParse(l.Address, out _))
                e.Add(new(at + ".address", $"\"{l.Address}\" is not an IP address"));
            CheckPort(l.Port, at + ".port", e);
            if (!sockets.Add($"{l.Address}:{l.Port}"))
                e.Add(new(at, $"another listener already binds {l.Address}:{l.Port}"));
            if (l.FilterChains.IsDefaultOrEmpty && l.DefaultFilterChain is null)
                e.Add(new(at + ".filterChains", "a listener needs at least one filter chain or a default filter chain"));
            for (var j = 0; j < Len(l.FilterChains); j++)
                ValidateChain(l.FilterChains[j], $"{at}.{Item("filterChains", j, l.FilterChains[j].Name)}", clusters, routeConfigs, e);
            if (l.DefaultFilterChain is { } d)
                ValidateChain(d, at + ".defaultFilterChain", clusters, routeConfigs, e);
        }

        var assigned = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < s.Endpoints.Length; i++)
        {
            var cla = s.Endpoints[i];
            var at = Item("endpoints", i, cla.ClusterName);
            if (!assigned.Add(cla.ClusterName))
                e.Add(new(at, $"cluster \"{cla.ClusterName}\" has two endpoint assignments"));
            if (!clusters.TryGetValue(cla.ClusterName, out var c))
                e.Add(new(at + ".clusterName", $"names cluster \"{cla.ClusterName}\", which the snapshot does not define"));
            else if (c.Type != ClusterType.Eds && !cla.Endpoints.IsDefaultOrEmpty)
                e.Add(new(at, $"cluster \"{c.Name}\" is {c.Type} and takes no endpoints"));
            for (var j = 0; j < Len(cla.Endpoints); j++)
            {
                var ep = cla.Endpoints[j];
                var eat = $"{at}.endpoints[{j}]";
                if (string.IsNullOrWhiteSpace(ep.Address))
                    e.Add(new(eat + ".address", "is empty"));
                CheckPort(ep.Port, eat + ".port", e);
                if (ep.Weight < 1)
                    e.Add(new(eat + ".weight", $"{ep.Weight} is less than 1"));
            }
        }
        return e.ToImmutable();
    }

    private static void ValidateCluster(Cluster c, string at, ImmutableArray<SnapshotError>.Builder e)
    {
        if (string.IsNullOrWhiteSpace(c.Name))
            e.Add(new(at + ".name", "is empty"));
        if (c.Port is < 0 or > 65535)
            e.Add(new(at + ".port", $"{c.Port} is outside 0..65535"));
        var lb = c.LoadBalancer;
        if (lb.Policy is LoadBalancerPolicy.RingHash or LoadBalancerPolicy.Maglev)
        {
            if (lb.ConsistentHash is not { } h)
                e.Add(new(at + ".loadBalancer.consistentHash", $"is required for policy {lb.Policy}"));
            else
            {
                var keys = (h.HttpHeaderName is null ? 0 : 1) + (h.HttpCookie is null ? 0 : 1) + (h.UseSourceIp ? 1 : 0) + (h.HttpQueryParameterName is null ? 0 : 1);
                if (keys != 1)
                    e.Add(new(at + ".loadBalancer.consistentHash", $"sets {keys} hash keys; exactly one of httpHeaderName, httpCookie, useSourceIp, httpQueryParameterName is required"));
                if (h.MinimumRingSize is < 1 or > 8_388_608)
                    e.Add(new(at + ".loadBalancer.consistentHash.minimumRingSize", $"{h.MinimumRingSize} is outside 1..8388608"));
            }
        }
        var p = c.ConnectionPool;
        CheckPositive(p.MaxConnections, at + ".connectionPool.maxConnections", e);
        CheckNonNegative(p.MaxPendingRequests, at + ".connectionPool.maxPendingRequests", e);
        CheckPositive(p.MaxRequests, at + ".connectionPool.maxRequests", e);
        CheckNonNegative(p.MaxRequestsPerConnection, at + ".connectionPool.maxRequestsPerConnection", e);
        CheckNonNegative(p.MaxRetries, at + ".connectionPool.maxRetries", e);
        if (p.ConnectTimeout <= TimeSpan.Zero)
            e.Add(new(at + ".connectionPool.connectTimeout", $"{p.ConnectTimeout} must be more than 0"));
        if (p.IdleTimeout <= TimeSpan.Zero)
            e.Add(new(at + ".connectionPool.idleTimeout", $"{p.IdleTimeout} must be more than 0"));
        if (c.OutlierDetection is { } o)
        {
            CheckNonNegative(o.Consecutive5xxErrors, at + ".outlierDetection.consecutive5xxErrors", e);
            CheckNonNegative(o.ConsecutiveGatewayErrors, at + ".outlierDetection.consecutiveGatewayErrors", e);
            if (o.Interval <= TimeSpan.Zero)
                e.Add(new(at + ".outlierDetection.interval", $"{o.Interval} must be more than 0"));
            if (o.BaseEjectionTime <= TimeSpan.Zero)
                e.Add(new(at + ".outlierDetection.baseEjectionTime", $"{o.BaseEjectionTime} must be more than 0"));
            CheckPercent(o.MaxEjectionPercent, at + ".outlierDetection.maxEjectionPercent", e);
            CheckPercent(o.MinHealthPercent, at + ".outlierDetection.minHealthPercent", e);
        }
    }

    private static void ValidateChain(FilterChain f, string at, Dictionary<string, Cluster> clusters, HashSet<string> routeConfigs, ImmutableArray<SnapshotError>.Builder e)
    {
        if ((f.Http is null) == (f.Tcp is null))
            e.Add(new(at, "a filter chain needs exactly one of http or tcp"));
        if (f.Match.DestinationPort is { } port)
            CheckPort(port, at + ".match.destinationPort", e);
        if (f.Match.TransportProtocol is { } tp && tp is not ("tls" or "raw_buffer"))
            e.Add(new(at + ".match.transportProtocol", $"\"{tp}\" is neither \"tls\" nor \"raw_buffer\""));
        for (var i = 0; i < Len(f.Match.ServerNames); i++)
            CheckDomain(f.Match.ServerNames[i], $"{at}.match.serverNames[{i}]", e);
        if (f.Http is { } h && !routeConfigs.Contains(h.RouteConfigName))
            e.Add(new(at + ".http.routeConfigName", $"names route configuration \"{h.RouteConfigName}\", which the snapshot does not define"));
        if (f.Tcp is { } t)
            CheckWeightedClusters(t.Clusters, at + ".tcp.clusters", clusters, e);
    }

    private static void ValidateRouteConfiguration(RouteConfiguration rc, string at, Dictionary<string, Cluster> clusters, ImmutableArray<SnapshotError>.Builder e)
    {
        var domains = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < rc.VirtualHosts.Length; i++)
        {
            var vh = rc.VirtualHosts[i];
            var vat = $"{at}.{Item("virtualHosts", i, vh.Name)}";
            if (vh.Domains.IsDefaultOrEmpty)
                e.Add(new(vat + ".domains", "a virtual host needs at least one domain"));
            for (var j = 0; j < Len(vh.Domains); j++)
            {
                var d = vh.Domains[j];
                CheckDomain(d, $"{vat}.domains[{j}]", e);
                if (!domains.TryAdd(d, vh.Name))
                    e.Add(new($"{vat}.domains[{j}]", $"\"{d}\" is also a domain of virtual host \"{domains[d]}\""));
            }
            for (var j = 0; j < Len(vh.Routes); j++)
                ValidateRoute(vh.Routes[j], $"{vat}.{Item("routes", j, vh.Routes[j].Name)}", clusters, e);
        }
    }

    private static void ValidateRoute(Route r, string at, Dictionary<string, Cluster> clusters, ImmutableArray<SnapshotError>.Builder e)
    {
        var actions = (r.Forward is null ? 0 : 1) + (r.Redirect is null ? 0 : 1) + (r.DirectResponse is null ? 0 : 1);
        if (actions != 1)
            e.Add(new(at, $"has {actions} actions; exactly one of forward, redirect, directResponse is required"));
        if (r.Match.Path is { } path)
        {
            CheckStringMatch(path, at + ".match.path", e);
            if (path.Suffix is not null || path.Contains is not null)
                e.Add(new(at + ".match.path", "a path is matched by exact, prefix, pathSeparatedPrefix or regex only"));
        }
        for (var i = 0; i < Len(r.Match.Headers); i++)
        {
            var h = r.Match.Headers[i];
            if (string.IsNullOrWhiteSpace(h.Name))
                e.Add(new($"{at}.match.headers[{i}].name", "is empty"));
            if (h.Match is { } m)
                CheckStringMatch(m, $"{at}.match.headers[{i}].match", e);
        }
        for (var i = 0; i < Len(r.Match.QueryParameters); i++)
        {
            var q = r.Match.QueryParameters[i];
            if (string.IsNullOrEmpty(q.Name))
                e.Add(new($"{at}.match.queryParameters[{i}].name", "is empty"));
            if (q.Match is { } m)
                CheckStringMatch(m, $"{at}.match.queryParameters[{i}].match", e);
        }
        if (r.Forward is { } f)
        {
            CheckWeightedClusters(f.Clusters, at + ".forward.clusters", clusters, e);
            CheckDuration(f.Timeout, at + ".forward.timeout", e);
            if (f.Retry is { } rp)
            {
                if (rp.Attempts < 0)
                    e.Add(new(at + ".forward.retry.attempts", $"{rp.Attempts} is negative"));
                CheckDuration(rp.PerTryTimeout, at + ".forward.retry.perTryTimeout", e);
                for (var i = 0; i < Len(rp.RetryOn); i++)
                    if (!KnownRetryOn.Contains(rp.RetryOn[i]))
                        e.Add(new($"{at}.forward.retry.retryOn[{i}]", $"\"{rp.RetryOn[i]}\" is not a retry condition Envoy knows"));
                for (var i = 0; i < Len(rp.RetriableStatusCodes); i++)
                    if (rp.RetriableStatusCodes[i] is < 100 or > 599)
                        e.Add(new($"{at}.forward.retry.retriableStatusCodes[{i}]", $"{rp.RetriableStatusCodes[i]} is not an HTTP status"));
                if (rp.BackoffBase <= TimeSpan.Zero)
                    e.Add(new(at + ".forward.retry.backoffBase", $"{rp.BackoffBase} must be more than 0"));
            }
            if (f.Rewrite is { } rw)
            {
                var kinds = (rw.Prefix is null ? 0 : 1) + (rw.FullPath is null ? 0 : 1) + (rw.Regex is null ? 0 : 1);
                if (kinds != 1)
                    e.Add(new(at + ".forward.rewrite", $"sets {kinds} rewrites; exactly one of prefix, fullPath, regex is required"));
                if (rw.Regex is { } rx)
                {
                    if (SnapshotRegex.Check(rx) is { } why)
                        e.Add(new(at + ".forward.rewrite.regex", $"\"{rx}\" does not compile: {why}"));
                    if (rw.Substitution is null)
                        e.Add(new(at + ".forward.rewrite.substitution", "is required with regex"));
                }
            }
            for (var i = 0; i < Len(f.Mirrors); i++)
            {
                var m = f.Mirrors[i];
                if (!clusters.ContainsKey(m.Cluster))
                    e.Add(new($"{at}.forward.mirrors[{i}].cluster", $"names cluster \"{m.Cluster}\", which the snapshot does not define"));
                CheckPercent(m.Percent, $"{at}.forward.mirrors[{i}].percent", e);
            }
        }
        if (r.Redirect is { } rd)
        {
            if (!RedirectCodes.Contains(rd.ResponseCode.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                e.Add(new(at + ".redirect.responseCode", $"{rd.ResponseCode} is not a redirect code (301, 302, 303, 307, 308)"));
            if (rd.Port is { } port)
                CheckPort(port, at + ".redirect.port", e);
            if (rd.Path is not null && rd.PrefixRewrite is not null)
                e.Add(new(at + ".redirect", "path and prefixRewrite cannot both be set"));
        }
        if (r.DirectResponse is { } dr && dr.Status is < 200 or > 599)
            e.Add(new(at + ".directResponse.status", $"{dr.Status} is outside 200..599"));
        if (r.Fault is { } fault)
        {
            if (fault.Delay is { } d)
            {
                CheckPercent(d.Percent, at + ".fault.delay.percent", e);
                CheckDuration(d.FixedDelay, at + ".fault.delay.fixedDelay", e);
            }
            if (fault.Abort is { } a)
            {
                CheckPercent(a.Percent, at + ".fault.abort.percent", e);
                if ((a.HttpStatus is null) == (a.GrpcStatus is null))
                    e.Add(new(at + ".fault.abort", "needs exactly one of httpStatus or grpcStatus"));
                if (a.HttpStatus is { } hs && hs is < 200 or > 599)
                    e.Add(new(at + ".fault.abort.httpStatus", $"{hs} is outside 200..599"));
                if (a.GrpcStatus is { } gs && gs is < 0 or > 16)
                    e.Add(new(at + ".fault.abort.grpcStatus", $"{gs} is not a gRPC status (0..16)"));
            }
        }
        if (r.Cors is { } cors)
            for (var i = 0; i < Len(cors.AllowOrigins); i++)
                CheckStringMatch(cors.AllowOrigins[i], $"{at}.cors.allowOrigins[{i}]", e);
        CheckHeaderOps(r.RequestHeaders, at + ".requestHeaders", e);
        CheckHeaderOps(r.ResponseHeaders, at + ".responseHeaders", e);
    }

    private static void CheckWeightedClusters(ImmutableArray<WeightedCluster> list, string at, Dictionary<string, Cluster> clusters, ImmutableArray<SnapshotError>.Builder e)
    {
        if (list.IsDefaultOrEmpty)
        {
            e.Add(new(at, "at least one cluster is required"));
            return;
        }
        long total = 0;
        for (var i = 0; i < list.Length; i++)
        {
            var wc = list[i];
            if (!clusters.ContainsKey(wc.Name))
                e.Add(new($"{at}[{i}].name", $"names cluster \"{wc.Name}\", which the snapshot does not define"));
            if (wc.Weight < 0)
                e.Add(new($"{at}[{i}].weight", $"{wc.Weight} is negative"));
            total += Math.Max(0, wc.Weight);
            CheckHeaderOps(wc.RequestHeaders, $"{at}[{i}].requestHeaders", e);
            CheckHeaderOps(wc.ResponseHeaders, $"{at}[{i}].responseHeaders", e);
        }
        if (total == 0)
            e.Add(new(at, "weights add up to 0; at least one destination must have weight"));
    }

    private static void CheckStringMatch(StringMatch m, string at, ImmutableArray<SnapshotError>.Builder e)
    {
        var kinds = (m.Exact is null ? 0 : 1) + (m.Prefix is null ? 0 : 1) + (m.PathSeparatedPrefix is null ? 0 : 1)
            + (m.Suffix is null ? 0 : 1) + (m.Contains is null ? 0 : 1) + (m.Regex is null ? 0 : 1);
        if (kinds != 1)
            e.Add(new(at, $"sets {kinds} kinds of match; exactly one of exact, prefix, pathSeparatedPrefix, suffix, contains, regex is required"));
        if (m.Regex is { } rx && SnapshotRegex.Check(rx) is { } why)
            e.Add(new(at + ".regex", $"\"{rx}\" does not compile: {why}"));
    }

    private static void CheckHeaderOps(HeaderOperations? ops, string at, ImmutableArray<SnapshotError>.Builder e)
    {
        if (ops is null)
            return;
        for (var i = 0; i < Len(ops.Set); i++)
            if (string.IsNullOrWhiteSpace(ops.Set[i].Name))
                e.Add(new($"{at}.set[{i}].name", "is empty"));
        for (var i = 0; i < Len(ops.Add); i++)
            if (string.IsNullOrWhiteSpace(ops.Add[i].Name))
                e.Add(new($"{at}.add[{i}].name", "is empty"));
        for (var i = 0; i < Len(ops.Remove); i++)
            if (string.IsNullOrWhiteSpace(ops.Remove[i]))
                e.Add(new($"{at}.remove[{i}]", "is empty"));
    }

    private static void CheckDomain(string d, string at, ImmutableArray<SnapshotError>.Builder e)
    {
        if (string.IsNullOrWhiteSpace(d))
            e.Add(new(at, "is empty"));
        else if (d != "*" && d.IndexOf('*', 1) is var star && star > 0 && star != d.Length - 1)
            e.Add(new(at, $"\"{d}\" has a wildcard in the middle; only a leading \"*.\" or \"*\", or a trailing \".*\" is allowed"));
    }

    private static void CheckPort(int port, string at, ImmutableArray<SnapshotError>.Builder e)
    {
        if (port is < 1 or > 65535)
            e.Add(new(at, $"{port} is outside 1..65535"));
    }

    private static void CheckPercent(double p, string at, ImmutableArray<SnapshotError>.Builder e)
    {
        if (double.IsNaN(p) || p is < 0 or > 100)
            e.Add(new(at, $"{p} is outside 0..100"));
    }

    private static void CheckDuration(TimeSpan? d, string at, ImmutableArray<SnapshotError>.Builder e)
    {
        if (d is { } v && v < TimeSpan.Zero)
            e.Add(new(at, $"{v} is negative"));
    }

    private static void CheckPositive(int? v, string at, ImmutableArray<SnapshotError>.Builder e)
    {
        if (v is < 1)
            e.Add(new(at, $"{v} must be at least 1 (leave it unset for no limit)"));
    }

    private static void CheckNonNegative(int? v, string at, ImmutableArray<SnapshotError>.Builder e)
    {
        if (v is < 0)
            e.Add(new(at, $"{v} is negative"));
    }

    private static int Len<T>(ImmutableArray<T> a) => a.IsDefault ? 0 : a.Length;

    private static string Item(string list, int i, string? name)
        => string.IsNullOrEmpty(name) ? $"{list}[{i}]" : $"{list}[{name}]";

    private sealed class FrozenStrings(params string[] items)
    {
        private readonly System.Collections.Frozen.FrozenSet<string> _set = System.Collections.Frozen.FrozenSet.ToFrozenSet(items, StringComparer.Ordinal);

        public bool Contains(string s) => _set.Contains(s);
    }
}
