namespace Weft.Integration.Tests.Gateways;

/// <summary>
/// The HTTPRoute conformance scenarios that make sense on one machine (route, match, filter,
/// weight, mirror, redirect, rewrite, cross-namespace), each with the requests of its upstream
/// test. Left out: HTTPS listeners (certificates the suite generates at run time), h2c and
/// websocket backends, CORS, retries and timeouts (the suite's echo server delays on request),
/// and the status-only scenarios.
/// </summary>
internal static class ConformanceScenarios
{
    private const string V1 = "infra-backend-v1", V2 = "infra-backend-v2", V3 = "infra-backend-v3";
    private const string Same = "same-namespace";

    private static ConformanceRequest Get(string path, string? backend = V1, int status = 200) => new(path) { Backend = backend, Status = status };

    private static Dictionary<string, string> H(params string[] kv)
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < kv.Length; i += 2)
            d[kv[i]] = kv[i + 1];
        return d;
    }

    public static IReadOnlyList<ConformanceScenario> All { get; } =
    [
        new("httproute-simple-same-namespace.yaml", Same, [Get("/")]),
        new("httproute-exact-path-matching.yaml", Same, [Get("/one"), Get("/two", V2), Get("/", null, 404), Get("/one/example", null, 404), Get("/two/", null, 404)]),
        new("httproute-path-match-order.yaml", Same,
        [
            Get("/match"), Get("/match/exact", V2), Get("/match/exact/one", V3), Get("/match/", V3), Get("/match/prefix/one", V2),
            Get("/match/prefix/", V1), Get("/match/prefix", V1), Get("/match/prefix/two", V1),
        ]),
        new("httproute-matching.yaml", Same,
        [
            Get("/"), Get("/example"), Get("/v2", V2), Get("/v2/example", V2), Get("/v2example"), Get("/foo/v2/example"),
            Get("/") with { Headers = H("version", "two"), Backend = V2 },
        ]),
        new("httproute-matching-across-routes.yaml", Same,
        [
            Get("/") with { Host = "example.com" }, Get("/example") with { Host = "example.net" },
            Get("/v2") with { Host = "example.com", Backend = V2 }, Get("/v2") with { Host = "example.net" },
            Get("/") with { Host = "example.com", Headers = H("version", "two"), Backend = V2 },
            Get("/") with { Host = "example.net", Headers = H("version", "two") },
            Get("/") with { Host = "example.org", Backend = null, Status = 404 },
        ]),
        new("httproute-header-matching.yaml", Same,
        [
            Get("/") with { Headers = H("version", "one") }, Get("/") with { Headers = H("Version", "two"), Backend = V2 },
            Get("/") with { Headers = H("version", "two", "color", "orange") },
            Get("/") with { Headers = H("color", "blue") }, Get("/") with { Headers = H("color", "green") },
            Get("/") with { Headers = H("color", "red"), Backend = V2 }, Get("/") with { Headers = H("color", "yellow"), Backend = V2 },
            Get("/", null, 404), Get("/") with { Headers = H("version", "four"), Backend = null, Status = 404 },
        ]),
        new("httproute-query-param-matching.yaml", Same,
        [
            Get("/?animal=whale"), Get("/?animal=dolphin", V2), Get("/?animal=dolphin&color=blue", V3), Get("/?ANIMAL=Whale", V3),
            Get("/path1?animal=whale"), Get("/?animal=whale") with { Headers = H("version", "one"), Backend = V2 },
            Get("/path2?animal=whale") with { Headers = H("version", "two"), Backend = V3 },
            Get("/path3?animal=shark"), Get("/path4?animal=kraken") with { Headers = H("version", "three") },
            Get("/path5?animal=hydra"), Get("/?animal=hydra", V2),
            Get("/", null, 404), Get("/?animal=wolf", null, 404),
        ]),
        new("httproute-method-matching.yaml", Same,
        [
            Get("/") with { Method = "POST" }, Get("/", V2), Get("/path1"), Get("/") with { Method = "PUT", Headers = H("version", "one"), Backend = V2 },
            Get("/path2") with { Method = "POST", Headers = H("version", "two"), Backend = V3 },
            Get("/path3") with { Method = "PATCH" }, Get("/path4") with { Method = "DELETE", Headers = H("version", "three") },
            Get("/path5") with { Method = "PATCH" }, Get("/") with { Method = "PATCH", Headers = H("version", "four"), Backend = V2 },
            Get("/") with { Method = "DELETE", Backend = null, Status = 404 },
        ]),
        new("httproute-weight.yaml", Same, []),
        new("httproute-omitted-backendrefs.yaml", Same, [Get("/omitted-no-forward", null, 500), Get("/empty-no-forward", null, 500), Get("/")]),
        new("httproute-request-header-modifier.yaml", Same,
        [
            Get("/set") with { Headers = H("X-Header-Set", "some-other-value"), BackendHeaders = H("X-Header-Set", "set-overwrites-values") },
            Get("/add") with { Headers = H("X-Header-Add", "some-value"), BackendHeaders = H("X-Header-Add", "some-value,add-appends-values") },
            Get("/remove") with { Headers = H("X-Header-Remove", "val"), BackendAbsent = ["X-Header-Remove"] },
            Get("/multiple") with
            {
                Headers = H("X-Header-Set-2", "set-val-2", "X-Header-Add-2", "add-val-2", "X-Header-Remove-2", "remove-val-2"),
                BackendHeaders = H("X-Header-Set-1", "header-set-1", "X-Header-Set-2", "header-set-2", "X-Header-Add-1", "header-add-1",
                    "X-Header-Add-2", "add-val-2,header-add-2", "X-Header-Add-3", "header-add-3"),
                BackendAbsent = ["X-Header-Remove-1", "X-Header-Remove-2"],
            },
        ]),
        new("httproute-response-header-modifier.yaml", Same,
        [
            Get("/set") with { ResponseHeaders = H("X-Header-Set", "set-overwrites-values") },
            Get("/add") with { ResponseHeaders = H("X-Header-Add", "add-appends-values") },
            Get("/multiple") with { ResponseHeaders = H("X-Header-Set-1", "header-set-1", "X-Header-Set-2", "header-set-2", "X-Header-Add-1", "header-add-1", "X-Header-Add-3", "header-add-3") },
        ]),
        new("httproute-redirect-path.yaml", Same,
        [
            Get("/original-prefix/lemon", null, 302) with { Location = "http://{gw}/replacement-prefix/lemon" },
            Get("/original-prefix", null, 302) with { Location = "http://{gw}/replacement-prefix" },
            Get("/full/path/original", null, 302) with { Location = "http://{gw}/full-path-replacement" },
            Get("/path-and-host", null, 302) with { Location = "http://example.org/replacement-prefix" },
            Get("/path-and-status", null, 301) with { Location = "http://{gw}/replacement-prefix" },
            Get("/full-path-and-host", null, 302) with { Location = "http://example.org/replacement-full" },
            Get("/full-path-and-status", null, 301) with { Location = "http://{gw}/replacement-full" },
        ]),
        new("httproute-redirect-host-and-status.yaml", Same,
        [
            Get("/hostname-redirect", null, 302) with { Location = "http://example.org/hostname-redirect" },
            Get("/host-and-status", null, 301) with { Location = "http://example.org/host-and-status" },
        ]),
        new("httproute-redirect-scheme.yaml", Same,
        [
            Get("/scheme", null, 302) with { Location = "https://{gw}/scheme" },
            Get("/scheme-and-host", null, 302) with { Location = "https://example.org/scheme-and-host" },
            Get("/scheme-and-status", null, 301) with { Location = "https://{gw}/scheme-and-status" },
            Get("/scheme-and-host-and-status", null, 302) with { Location = "https://example.org/scheme-and-host-and-status" },
        ]),
        new("httproute-redirect-port.yaml", Same,
        [
            Get("/port", null, 302) with { Location = "http://{gw}:8083/port" },
            Get("/port-and-host", null, 302) with { Location = "http://example.org:8083/port-and-host" },
            Get("/port-and-status", null, 301) with { Location = "http://{gw}:8083/port-and-status" },
            Get("/port-and-host-and-status", null, 302) with { Location = "http://example.org:8083/port-and-host-and-status" },
        ]),
        new("httproute-rewrite-path.yaml", Same,
        [
            Get("/prefix/one/two") with { BackendPath = "/one/two" }, Get("/prefix/one") with { BackendPath = "/one" },
            Get("/strip-prefix/three") with { BackendPath = "/three" }, Get("/strip-prefix") with { BackendPath = "/" },
            Get("/full/one/two") with { BackendPath = "/one" }, Get("/full/one") with { BackendPath = "/one" },
            Get("/full/rewrite-path-and-modify-headers/test") with
            {
                Headers = H("X-Header-Remove", "remove-val"), BackendPath = "/test",
                BackendHeaders = H("X-Header-Set", "set-overwrites-values", "X-Header-Add", "header-val-1"), BackendAbsent = ["X-Header-Remove"],
            },
        ]),
        new("httproute-rewrite-host.yaml", Same,
        [
            Get("/one") with { Host = "rewrite.example", BackendHost = "one.example.org" },
            Get("/") with { Host = "rewrite.example", Backend = V2, BackendHost = "example.org" },
        ]),
        new("httproute-request-mirror.yaml", Same, [Get("/mirror") with { MirroredTo = V2 }]),
        new("httproute-cross-namespace.yaml", "backend-namespaces", [Get("/", "web-backend")]),
        new("httproute-reference-grant.yaml", Same, [Get("/", "web-backend")]),
        new("httproute-invalid-cross-namespace-backend-ref.yaml", Same, [Get("/", null, 500)]),
        new("httproute-invalid-nonexistent-backendref.yaml", Same, [Get("/", null, 500)]),
        new("httproute-listener-hostname-matching.yaml", "httproute-listener-hostname-matching",
        [
            Get("/") with { Host = "bar.com" }, Get("/") with { Host = "foo.bar.com", Backend = V2 },
            Get("/") with { Host = "baz.bar.com", Backend = V3 }, Get("/") with { Host = "boro.bar.com", Backend = V3 },
            Get("/") with { Host = "bit.foo.com", Backend = V3 }, Get("/") with { Host = "multiple.prefixes.bar.com", Backend = V3 },
            Get("/") with { Host = "multiple.prefixes.foo.com", Backend = V3 },
            Get("/") with { Host = "foo.com", Backend = null, Status = 404 }, Get("/") with { Host = "no.matching.host", Backend = null, Status = 404 },
        ]),
    ];
}
