using System.Collections.Immutable;
using Weft.Api.Model.Networking;
using D = Weft.Discovery.Routes;
using Weft.Discovery.Snapshot;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// One VirtualService http route as the proxy's routes (pilot's TranslateRoute): one route per
/// match block that applies to this proxy and port (Istio's OR across blocks, AND within one),
/// all sharing the same action.
/// </summary>
public static class HttpRouteTranslator
{
    public static IEnumerable<D.Route> Translate(ProxyBuild b, FlatHttpRoute flat, int port, IReadOnlySet<string> clusters)
    {
        var route = flat.Route;
        IReadOnlyList<HttpMatchRequest?> blocks = route.Match is { Count: > 0 } matches
            ? [.. matches.Where(m => MatchTranslator.AppliesTo(m, b.Source, port))]
            : [null];
        if (blocks.Count == 0)
            yield break;
        var template = Action(b, flat, port, clusters);
        if (template is null)
            yield break;
        foreach (var block in blocks)
        {
            var name = route.Name ?? "";
            if (block?.Name is { Length: > 0 } matchName)
                name = name.Length > 0 ? $"{name}.{matchName}" : matchName;
            yield return template with { Name = name, Match = MatchTranslator.Translate(block) };
        }
    }

    private static D.Route? Action(ProxyBuild b, FlatHttpRoute flat, int port, IReadOnlySet<string> clusters)
    {
        var r = flat.Route;
        var route = new D.Route
        {
            Name = "",
            VirtualService = flat.VirtualService,
            RequestHeaders = Headers(r.Headers?.Request),
            ResponseHeaders = Headers(r.Headers?.Response),
            Fault = Fault(r.Fault),
            Cors = Cors(r.CorsPolicy),
        };
        if (r.Redirect is { } redirect)
        {
            return route with
            {
                Redirect = new D.RedirectAction
                {
                    Scheme = NullIfEmpty(redirect.Scheme),
                    Host = NullIfEmpty(redirect.Authority),
                    Port = redirect.Port is > 0 ? (int)redirect.Port.Value : null,
                    Path = NullIfEmpty(redirect.Uri),
                    PrefixRewrite = string.IsNullOrEmpty(redirect.Uri) ? NullIfEmpty(redirect.PrefixRewrite) : null,
                    ResponseCode = redirect.RedirectCode is > 0 ? (int)redirect.RedirectCode.Value : 301,
                },
            };
        }
        if (r.DirectResponse is { } direct)
        {
            var body = direct.Body?.String
                ?? (direct.Body?.Bytes is { } bytes ? System.Text.Encoding.UTF8.GetString(System.Convert.FromBase64String(bytes)) : null);
            return route with { DirectResponse = new D.DirectResponseAction { Status = (int)(direct.Status ?? 200), Body = body } };
        }
        if (r.Route is not { Count: > 0 } destinations)
            return null;
        var weighted = ImmutableArray.CreateBuilder<D.WeightedCluster>();
        foreach (var d in destinations)
        {
            if (d.Destination is null)
                continue;
            // A lone destination takes all the traffic; with several, weight 0 takes none (Istio drops it).
            var weight = destinations.Count == 1 ? 100 : d.Weight ?? 0;
            if (weight <= 0 && destinations.Count > 1)
                continue;
            var cluster = ClusterFor(b, d.Destination, flat.Namespace, port);
            if (!clusters.Contains(cluster))
                continue;
            weighted.Add(new D.WeightedCluster
            {
                Name = cluster,
                Weight = weight,
                RequestHeaders = Headers(d.Headers?.Request),
                ResponseHeaders = Headers(d.Headers?.Response),
            });
        }
        if (weighted.Count == 0)
        {
            // Istio would route to a cluster the proxy does not have, which answers 503 (NC); the
            // proxy refuses a snapshot naming an unknown cluster, so the answer is spelled out.
            return route with { DirectResponse = new D.DirectResponseAction { Status = 503, Body = "no healthy upstream" } };
        }
        var mirrors = ImmutableArray.CreateBuilder<D.MirrorPolicy>();
        if (r.Mirror is { } mirror)
        {
            var percent = r.MirrorPercentage?.Value ?? (double?)(r.MirrorPercent ?? r.MirrorPercentSnake) ?? 100;
            AddMirror(b, mirror, percent, flat.Namespace, port, clusters, mirrors);
        }
        foreach (var m in r.Mirrors ?? [])
            if (m.Destination is { } md)
                AddMirror(b, md, m.Percentage?.Value ?? 100, flat.Namespace, port, clusters, mirrors);
        return route with
        {
            Forward = new D.RouteAction
            {
                Clusters = weighted.ToImmutable(),
                Timeout = r.Timeout is { } t && t.TryGetValue(out var timeout) && timeout > TimeSpan.Zero ? timeout : null,
                Retry = RetryPolicies.Convert(r.Retries),
                Rewrite = Rewrite(r.Rewrite),
                HostRewrite = NullIfEmpty(r.Rewrite?.Authority),
                Mirrors = mirrors.ToImmutable(),
            },
        };
    }

    private static void AddMirror(ProxyBuild b, Destination d, double percent, string ns, int port, IReadOnlySet<string> clusters, ImmutableArray<D.MirrorPolicy>.Builder into)
    {
        var cluster = ClusterFor(b, d, ns, port);
        if (clusters.Contains(cluster) && percent > 0)
            into.Add(new D.MirrorPolicy { Cluster = cluster, Percent = Math.Min(percent, 100) });
    }

    /// <summary>
    /// Istio's GetDestinationCluster: the destination's port, else the service's only port,
    /// else the port being routed; short names resolve in the route's own namespace.
    /// </summary>
    public static string ClusterFor(ProxyBuild b, Destination d, string ns, int listenerPort)
    {
        var host = HostNames.Resolve(d.Host ?? "", ns);
        var port = listenerPort;
        if (d.Port?.Number is { } n and > 0)
            port = (int)n;
        else if (b.FindService(host) is { Ports.Length: 1 } only)
            port = only.Ports[0].Port;
        return ClusterNames.Outbound(port, d.Subset ?? "", host);
    }

    private static D.PathRewrite? Rewrite(HttpRewrite? rw)
    {
        if (rw?.UriRegexRewrite is { Match: { Length: > 0 } rx } regex)
            return new D.PathRewrite { Regex = rx, Substitution = regex.Rewrite ?? "" };
        if (rw?.Uri is { Length: > 0 } uri)
            return new D.PathRewrite { Prefix = uri };
        return null;
    }

    public static D.HeaderOperations? Headers(HeaderOperations? ops)
    {
        if (ops is null)
            return null;
        return new D.HeaderOperations
        {
            Set = [.. (ops.Set ?? new Dictionary<string, string>()).Select(kv => new HeaderValue(kv.Key, kv.Value))],
            Add = [.. (ops.Add ?? new Dictionary<string, string>()).Select(kv => new HeaderValue(kv.Key, kv.Value))],
            Remove = [.. ops.Remove ?? []],
        };
    }

    /// <summary>
    /// Istio's translateFault: each part applies to its percentage, or to the deprecated integer
    /// percent; with neither it applies to no request (pilot passes 0%).
    /// </summary>
    private static D.FaultPolicy? Fault(HttpFaultInjection? f)
    {
        if (f is null)
            return null;
        D.FaultDelay? delay = null;
        if (f.Delay?.FixedDelay is { } fd && fd.TryGetValue(out var fixedDelay))
            delay = new D.FaultDelay { FixedDelay = fixedDelay, Percent = f.Delay.Percentage?.Value ?? f.Delay.Percent ?? 0 };
        D.FaultAbort? abort = null;
        if (f.Abort is { } a)
        {
            var percent = a.Percentage?.Value ?? 0;
            if (a.HttpStatus is { } hs)
                abort = new D.FaultAbort { HttpStatus = hs, Percent = percent };
            else if (a.GrpcStatus is { } gs && GrpcStatus(gs) is { } code)
                abort = new D.FaultAbort { GrpcStatus = code, Percent = percent };
        }
        return delay is null && abort is null ? null : new D.FaultPolicy { Delay = delay, Abort = abort };
    }

    private static readonly string[] GrpcCodes =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ];

    private static int? GrpcStatus(string name)
    {
        var i = Array.IndexOf(GrpcCodes, name.ToUpperInvariant());
        return i >= 0 ? i : int.TryParse(name, out var n) ? n : null;
    }

    private static D.CorsPolicy? Cors(CorsPolicy? c)
    {
        if (c is null)
            return null;
        var origins = ImmutableArray.CreateBuilder<D.StringMatch>();
        foreach (var o in c.AllowOrigin ?? [])
            origins.Add(D.StringMatch.ForExact(o));
        foreach (var o in c.AllowOrigins ?? [])
            if (MatchTranslator.Convert(o) is { } m)
                origins.Add(m);
        return new D.CorsPolicy
        {
            AllowOrigins = origins.ToImmutable(),
            AllowMethods = [.. c.AllowMethods ?? []],
            AllowHeaders = [.. c.AllowHeaders ?? []],
            ExposeHeaders = [.. c.ExposeHeaders ?? []],
            MaxAge = c.MaxAge is { } ma && ma.TryGetValue(out var maxAge) ? maxAge : null,
            AllowCredentials = c.AllowCredentials,
        };
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
