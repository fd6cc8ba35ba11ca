using System.Collections.Frozen;
using System.Collections.Immutable;
using Weft.Api.Model.GatewayApi;
using Weft.Api.Model.Meta;
using Weft.Api.Model.Networking;
using Weft.ControlPlane.Config;
using Core = Weft.Api.Model.Core;
using ApiGateway = Weft.Api.Model.GatewayApi.Gateway;

namespace Weft.ControlPlane.Translation.Gateways;

/// <summary>
/// The Kubernetes Gateway API as gateways and route sets (Istio's gateway conversion): each
/// Gateway of class <c>istio</c> or <c>weft</c> (or of a GatewayClass whose controller is
/// Istio's or Weft's) becomes one server per listener, keyed <c>ns/gateway~listener</c>, applied
/// to the gateway proxies of its namespace labelled <c>gateway.networking.k8s.io/gateway-name</c>
/// (or, when its address names a Service, to that Service's workloads). Routes attach per
/// parentRef (sectionName, port, allowedRoutes namespaces and kinds, hostname intersection); the
/// rules of every route on one listener and hostname are ordered by the Gateway API's precedence.
/// The status of every object is computed on the way.
/// </summary>
public static class GatewayApiConverter
{
    public const string GatewayNameLabel = "gateway.networking.k8s.io/gateway-name";
    public static readonly ImmutableArray<string> BuiltInClasses = ["istio", "weft"];
    private static readonly string[] Controllers = ["istio.io/gateway-controller", "weft.io/gateway-controller"];

    public sealed record Result(ImmutableArray<GatewayConfig> Gateways, ImmutableArray<GatewayRouteSet> Routes, GatewayApiStatus Status);

    private sealed record ListenerInfo(ApiGateway Gateway, Listener Spec, string Key, bool Usable, ImmutableArray<string> Kinds)
    {
        public int Attached { get; set; }
    }

    public static Result Convert(ConfigSnapshot config, ImmutableArray<MeshService> services)
    {
        var classStatus = ImmutableArray.CreateBuilder<ClassStatus>();
        var ours = new HashSet<string>(BuiltInClasses, StringComparer.Ordinal);
        foreach (var c in config.OfType<GatewayClass>())
        {
            if (c.Spec?.ControllerName is { } controller && Controllers.Contains(controller))
            {
                ours.Add(c.Name);
                classStatus.Add(new ClassStatus(c.Name, c.Metadata.Generation ?? 1, [new("Accepted", true, "Accepted", "Handled by Weft controller")]));
            }
            else
                ours.Remove(c.Name);
        }
        var byHost = services.GroupBy(s => s.Hostname, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var secretKeys = config.OfType<Core.Secret>().Select(s => $"{s.Namespace}/{s.Name}").ToHashSet(StringComparer.Ordinal);
        var resolver = new BackendResolver(byHost, [.. config.OfType<ReferenceGrant>()], secretKeys);
        var namespaceLabels = NamespaceLabels(config);

        var gateways = ImmutableArray.CreateBuilder<GatewayConfig>();
        var listeners = new Dictionary<string, List<ListenerInfo>>(StringComparer.Ordinal);
        var gatewayStatus = new List<(ApiGateway Gateway, Func<ImmutableArray<ListenerStatus>> Listeners)>();
        foreach (var g in Oldest(config.OfType<ApiGateway>()))
        {
            if (g.Spec?.GatewayClassName is not { } cls || !ours.Contains(cls))
                continue;
            var infos = new List<ListenerInfo>();
            var conditions = new Dictionary<string, ImmutableArray<GatewayCondition>>(StringComparer.Ordinal);
            var servers = ImmutableArray.CreateBuilder<GatewayServer>();
            foreach (var l in g.Spec.Listeners ?? [])
            {
                var name = l.Name ?? "";
                var key = $"{g.Namespace}/{g.Name}~{name}";
                var protocol = (l.Protocol ?? "").ToUpperInvariant();
                var (kinds, invalidKinds) = Kinds(l, protocol);
                var accepted = new GatewayCondition("Accepted", true, "Accepted", "No errors found");
                var resolved = new GatewayCondition("ResolvedRefs", true, "ResolvedRefs", "No errors found");
                ServerTlsSettings? tls = null;
                var usable = true;
                if (protocol is not ("HTTP" or "HTTPS" or "TLS" or "TCP"))
                {
                    accepted = new("Accepted", false, "UnsupportedProtocol", $"protocol \"{l.Protocol}\" is not supported; use HTTP, HTTPS, TLS or TCP");
                    usable = false;
                }
                else if (protocol == "HTTPS" || (protocol == "TLS" && l.Tls?.Mode != TLSModeType.Passthrough))
                {
                    if (l.Tls?.Mode == TLSModeType.Passthrough && protocol == "HTTPS")
                    {
                        accepted = new("Accepted", false, "UnsupportedValue", "an HTTPS listener terminates TLS; use protocol TLS for passthrough");
                        usable = false;
                    }
                    else if (l.Tls?.CertificateRefs is not { Count: > 0 } refs)
                    {
                        resolved = new("ResolvedRefs", false, "InvalidCertificateRef", "a TLS listener that terminates needs tls.certificateRefs");
                        usable = false;
                    }
                    else
                    {
                        var (secret, reason, message) = resolver.Certificate(g.Namespace, refs[0]);
                        if (secret is null)
                        {
                            resolved = new("ResolvedRefs", false, reason!, message!);
                            usable = false;
                        }
                        else
                            tls = new ServerTlsSettings { Mode = ServerTlsMode.Simple, CredentialName = secret };
                    }
                }
                else if (protocol == "TLS")
                    tls = new ServerTlsSettings { Mode = ServerTlsMode.Passthrough };
                if (invalidKinds.Count > 0 && resolved.Status)
                    resolved = new("ResolvedRefs", false, "InvalidRouteKinds", $"kinds not supported on a {protocol} listener: {string.Join(", ", invalidKinds)}");
                var programmed = usable ? new GatewayCondition("Programmed", true, "Programmed", "No errors found") : new GatewayCondition("Programmed", false, "Invalid", "Invalid listener, see other conditions");
                conditions[name] = [accepted, programmed, resolved];
                infos.Add(new ListenerInfo(g, l, key, usable, kinds));
                if (usable && l.Port is { } port)
                {
                    var serverProtocol = protocol == "TLS" && tls?.Mode == ServerTlsMode.Simple ? "TLS" : protocol;
                    servers.Add(new GatewayServer(key, port, serverProtocol, [new GatewayHost("*", string.IsNullOrEmpty(l.Hostname) ? "*" : l.Hostname.ToLowerInvariant())], tls, name));
                }
            }
            listeners[$"{g.Namespace}/{g.Name}"] = infos;
            gateways.Add(Selection(g, byHost) with { Servers = servers.ToImmutable() });
            gatewayStatus.Add((g, () => [.. infos.Select(i => new ListenerStatus(i.Spec.Name ?? "", i.Kinds, i.Attached, conditions[i.Spec.Name ?? ""]))]));
        }

        var http = new Dictionary<(string Key, string Host), List<(HttpRoute Route, RulePrecedence Order, string Namespace, string Id)>>();
        var stream = ImmutableArray.CreateBuilder<GatewayRouteSet>();
        var routeStatus = ImmutableArray.CreateBuilder<RouteStatus>();
        foreach (var r in Oldest(config.OfType<HTTPRoute>()))
        {
            var converted = HttpRouteRules.Convert(r, resolver);
            routeStatus.Add(Attach(r, "HTTPRoute", r.Spec?.ParentRefs, r.Spec?.Hostnames, converted.UnresolvedReason, converted.UnresolvedMessage, listeners, namespaceLabels,
                (key, hosts) => AddHttp(http, key, hosts, converted, r)));
        }
        foreach (var r in Oldest(config.OfType<GRPCRoute>()))
        {
            var converted = HttpRouteRules.Convert(r, resolver);
            routeStatus.Add(Attach(r, "GRPCRoute", r.Spec?.ParentRefs, r.Spec?.Hostnames, converted.UnresolvedReason, converted.UnresolvedMessage, listeners, namespaceLabels,
                (key, hosts) => AddHttp(http, key, hosts, converted, r)));
        }
        foreach (var r in Oldest(config.OfType<TCPRoute>()))
        {
            var (destinations, reason, message) = StreamDestinations(r.Namespace, "TCPRoute", r.Spec?.Rules?.SelectMany(x => x.BackendRefs ?? []), resolver);
            routeStatus.Add(Attach(r, "TCPRoute", r.Spec?.ParentRefs, null, reason, message, listeners, namespaceLabels, (key, hosts) =>
                stream.Add(new GatewayRouteSet($"{r.Name}.{r.Namespace}", r.Namespace, [key], ["*"]) { Tcp = [new TcpRoute { Route = destinations }] })));
        }
        foreach (var r in Oldest(config.OfType<TLSRoute>()))
        {
            var (destinations, reason, message) = StreamDestinations(r.Namespace, "TLSRoute", r.Spec?.Rules?.SelectMany(x => x.BackendRefs ?? []), resolver);
            routeStatus.Add(Attach(r, "TLSRoute", r.Spec?.ParentRefs, r.Spec?.Hostnames, reason, message, listeners, namespaceLabels, (key, hosts) =>
                stream.Add(new GatewayRouteSet($"{r.Name}.{r.Namespace}", r.Namespace, [key], [.. hosts])
                {
                    Tls = [new TlsRoute { Match = [new TlsMatchAttributes { SniHosts = [.. hosts] }], Route = destinations }],
                })));
        }

        var routes = ImmutableArray.CreateBuilder<GatewayRouteSet>();
        foreach (var ((key, host), entries) in http.OrderBy(e => e.Key.Key, StringComparer.Ordinal).ThenBy(e => e.Key.Host, StringComparer.Ordinal))
        {
            entries.Sort((a, b) => a.Order.CompareTo(b.Order));
            routes.Add(new GatewayRouteSet($"{key}|{host}", entries[0].Namespace, [key], [host])
            {
                Http = [.. entries.Select(e => new FlatHttpRoute(e.Route, e.Namespace, e.Id))],
            });
        }
        routes.AddRange(stream);

        var gatewayStatuses = gatewayStatus.Select(x => new GatewayStatus(x.Gateway.Namespace, x.Gateway.Name, x.Gateway.Metadata.Generation ?? 1,
            [new("Accepted", true, "Accepted", "Resource accepted")], x.Listeners(), [])).ToImmutableArray();
        return new Result(gateways.ToImmutable(), routes.ToImmutable(), new GatewayApiStatus(classStatus.ToImmutable(), gatewayStatuses, routeStatus.ToImmutable()));
    }

    private static void AddHttp(Dictionary<(string, string), List<(HttpRoute, RulePrecedence, string, string)>> into, string key, IReadOnlyList<string> hosts,
        HttpRouteRules.Result converted, KubeObject route)
    {
        foreach (var host in hosts)
        {
            if (!into.TryGetValue((key, host), out var list))
                into[(key, host)] = list = [];
            foreach (var c in converted.Routes)
                list.Add((c.Route, c.Precedence, route.Namespace, $"{route.Name}.{route.Namespace}"));
        }
    }

    /// <summary>
    /// Attaches a route to the listeners its parentRefs name and allow it, calling
    /// <paramref name="attach"/> per listener with the intersected hostnames, and says why per parent.
    /// </summary>
    private static RouteStatus Attach(KubeObject route, string kind, IReadOnlyList<ParentReference>? parents, IReadOnlyList<string>? hostnames,
        string? unresolvedReason, string? unresolvedMessage, Dictionary<string, List<ListenerInfo>> listeners,
        Dictionary<string, IReadOnlyDictionary<string, string>> namespaceLabels, Action<string, IReadOnlyList<string>> attach)
    {
        var result = ImmutableArray.CreateBuilder<RouteParentStatus>();
        foreach (var p in parents ?? [])
        {
            if (p.GroupOrDefault != GatewayApiDefaults.Group || p.KindOrDefault != "Gateway")
                continue;
            var ns = string.IsNullOrEmpty(p.Namespace) ? route.Namespace : p.Namespace;
            if (!listeners.TryGetValue($"{ns}/{p.Name}", out var infos))
            {
                result.Add(new(p.Namespace, p.Name ?? "", p.SectionName, p.Port, [new("Accepted", false, "NoMatchingParent", $"gateway {ns}/{p.Name} not found"), Resolved(unresolvedReason, unresolvedMessage)]));
                continue;
            }
            var candidates = infos.Where(i => (p.SectionName is null || i.Spec.Name == p.SectionName) && (p.Port is null || i.Spec.Port == p.Port)).ToList();
            GatewayCondition accepted;
            if (candidates.Count == 0)
                accepted = new("Accepted", false, "NoMatchingParent", p.SectionName is not null ? $"no listener named {p.SectionName}" : $"no listener on port {p.Port}");
            else
            {
                var attached = 0;
                var hostnameMiss = false;
                foreach (var l in candidates)
                {
                    if (!l.Usable || !l.Kinds.Contains(kind) || !NamespaceAllowed(l, route.Namespace, namespaceLabels))
                        continue;
                    var hosts = GatewayHostnames.Intersect(l.Spec.Hostname, hostnames);
                    if (hosts.Count == 0)
                    {
                        hostnameMiss = true;
                        continue;
                    }
                    l.Attached++;
                    attached++;
                    attach(l.Key, hosts);
                }
                accepted = attached > 0 ? new("Accepted", true, "Accepted", "Route was valid")
                    : hostnameMiss ? new("Accepted", false, "NoMatchingListenerHostname", "no hostnames matched parent hostname")
                    : new("Accepted", false, "NotAllowedByListeners", $"no listener of {ns}/{p.Name} allows a {kind} from namespace {route.Namespace}");
            }
            result.Add(new(p.Namespace, p.Name ?? "", p.SectionName, p.Port, [accepted, Resolved(unresolvedReason, unresolvedMessage)]));
        }
        return new RouteStatus(kind, route.Namespace, route.Name, route.Metadata.Generation ?? 1, result.ToImmutable());
    }

    private static GatewayCondition Resolved(string? reason, string? message) =>
        reason is null ? new("ResolvedRefs", true, "ResolvedRefs", "All references resolved") : new("ResolvedRefs", false, reason, message ?? "");

    private static bool NamespaceAllowed(ListenerInfo l, string routeNamespace, Dictionary<string, IReadOnlyDictionary<string, string>> labels) =>
        (l.Spec.AllowedRoutes?.Namespaces?.From ?? FromNamespaces.Same) switch
        {
            FromNamespaces.All => true,
            FromNamespaces.Same => routeNamespace == l.Gateway.Namespace,
            FromNamespaces.Selector => NamespaceSelector.Matches(l.Spec.AllowedRoutes!.Namespaces!.Selector,
                labels.TryGetValue(routeNamespace, out var nsLabels) ? nsLabels : new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = routeNamespace }),
            _ => false,
        };

    private static (ImmutableArray<string> Kinds, List<string> Invalid) Kinds(Listener l, string protocol)
    {
        string[] supported = protocol switch
        {
            "HTTP" or "HTTPS" => ["HTTPRoute", "GRPCRoute"],
            "TLS" => l.Tls?.Mode == TLSModeType.Passthrough ? ["TLSRoute"] : ["TLSRoute", "TCPRoute"],
            "TCP" => ["TCPRoute"],
            _ => [],
        };
        if (l.AllowedRoutes?.Kinds is not { Count: > 0 } asked)
            return ([.. supported], []);
        var kinds = new List<string>();
        var invalid = new List<string>();
        foreach (var k in asked)
        {
            if ((k.Group ?? GatewayApiDefaults.Group) == GatewayApiDefaults.Group && supported.Contains(k.Kind))
                kinds.Add(k.Kind!);
            else
                invalid.Add(k.Kind ?? "");
        }
        return ([.. kinds], invalid);
    }

    /// <summary>
    /// Which proxies run a Gateway: those Istio's automated deployment would label (its namespace,
    /// <c>gateway.networking.k8s.io/gateway-name: NAME</c>), or, when an address of type Hostname
    /// names a Service, that Service's workloads (manual deployment).
    /// </summary>
    private static GatewayConfig Selection(ApiGateway g, FrozenDictionary<string, MeshService> services)
    {
        foreach (var a in g.Spec?.Addresses ?? [])
        {
            if (a.TypeOrDefault == "Hostname" && a.Value is { } host && services.TryGetValue(host.ToLowerInvariant(), out var s) && s.Selector is { } selector)
                return new GatewayConfig($"{g.Namespace}/{g.Name}", s.Namespace, g.Name, selector, true, [], "gateway.networking.k8s.io/Gateway");
        }
        return new GatewayConfig($"{g.Namespace}/{g.Name}", g.Namespace, g.Name, new Dictionary<string, string> { [GatewayNameLabel] = g.Name }, true, [], "gateway.networking.k8s.io/Gateway");
    }

    private static (IReadOnlyList<RouteDestination> Destinations, string? Reason, string? Message) StreamDestinations(string ns, string kind, IEnumerable<BackendRef>? refs, BackendResolver resolver)
    {
        var result = new List<RouteDestination>();
        string? reason = null, message = null;
        foreach (var r in refs ?? [])
        {
            var b = resolver.Resolve(kind, ns, r.Group, r.Kind, r.Name, r.Namespace, r.Port);
            if (!b.Valid)
            {
                (reason, message) = (reason ?? b.Reason, message ?? b.Message);
                continue;
            }
            if ((r.Weight ?? 1) > 0)
                result.Add(new RouteDestination { Destination = new Weft.Api.Model.Networking.Destination { Host = b.Host, Port = new PortSelector { Number = (uint)b.Port!.Value } }, Weight = r.Weight ?? 1 });
        }
        return (result, reason, message);
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> NamespaceLabels(ConfigSnapshot config)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var n in config.OfType<Core.Namespace>())
        {
            var labels = new Dictionary<string, string>(n.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
            {
                ["kubernetes.io/metadata.name"] = n.Name,
            };
            result[n.Name] = labels;
        }
        return result;
    }

    private static IEnumerable<T> Oldest<T>(IEnumerable<T> objects) where T : KubeObject =>
        objects.OrderBy(o => o.Metadata.CreationTimestamp ?? "", StringComparer.Ordinal)
            .ThenBy(o => o.Namespace, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal);
}
