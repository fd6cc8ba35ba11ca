using Weft.Api.Model;
using Weft.Api.Model.GatewayApi;
using Weft.Api.Tests.Security;

namespace Weft.Api.Tests.GatewayApi;

public class HTTPRouteTests
{
    private const string Rich = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: travel-control
          namespace: travel-control
        spec:
          parentRefs:
          - group: gateway.networking.k8s.io
            kind: Gateway
            namespace: istio-ingress
            name: shared-gateway
            sectionName: https
            port: 443
          hostnames: ["control.travel.example.com", "*.travel.example.com"]
          rules:
          - name: dashboard
            matches:
            - path: {type: PathPrefix, value: /dashboard}
              headers:
              - {type: Exact, name: x-canary, value: "true"}
              queryParams:
              - {type: RegularExpression, name: user, value: "^a.*"}
              method: GET
            filters:
            - type: RequestHeaderModifier
              requestHeaderModifier:
                set: [{name: x-forwarded-app, value: control}]
                add: [{name: x-trace, value: "1"}]
                remove: [x-internal]
            - type: ResponseHeaderModifier
              responseHeaderModifier:
                set: [{name: cache-control, value: no-store}]
            - type: RequestMirror
              requestMirror:
                backendRef: {group: "", kind: Service, name: control-shadow, namespace: travel-control, port: 8080}
                percent: 10
            - type: URLRewrite
              urlRewrite:
                hostname: control.internal
                path: {type: ReplacePrefixMatch, replacePrefixMatch: /}
            - type: CORS
              cors:
                allowOrigins: ["https://travel.example.com", "http://*.example.com:8080"]
                allowCredentials: true
                allowMethods: [GET, POST]
                allowHeaders: [x-request-id]
                exposeHeaders: [x-envoy-upstream-service-time]
                maxAge: 600
            - type: ExtensionRef
              extensionRef: {group: networking.example.io, kind: RateLimit, name: control-limit}
            backendRefs:
            - group: ""
              kind: Service
              name: control
              namespace: travel-control
              port: 8080
              weight: 90
              filters:
              - type: ResponseHeaderModifier
                responseHeaderModifier: {add: [{name: x-backend, value: v1}]}
            - {name: control-v2, port: 8080, weight: 10}
            timeouts: {request: 10s, backendRequest: 2s}
          - name: legacy
            matches:
            - path: {type: Exact, value: /old}
            filters:
            - type: RequestRedirect
              requestRedirect:
                scheme: https
                hostname: control.travel.example.com
                path: {type: ReplaceFullPath, replaceFullPath: /dashboard}
                port: 443
                statusCode: 301
          - matches: [{path: {type: PathPrefix, value: /api}}]
            filters:
            - type: RequestMirror
              requestMirror:
                backendRef: {name: api-shadow, port: 9090}
                fraction: {numerator: 1, denominator: 1000}
            backendRefs: [{name: api, port: 9090}]
        status:
          parents:
          - parentRef: {name: shared-gateway}
            controllerName: weft.io/gateway-controller
            conditions: [{type: Accepted, status: "True", reason: Accepted, message: "", lastTransitionTime: "2026-01-01T00:00:00Z"}]
        """;

    // Filters of a backend take every kind a rule's filters take; the second route sets each of them there.
    private const string RichBackendFilters = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: backend-filters, namespace: travel-control}
        spec:
          rules:
          - matches: [{path: {value: /v1}}]
            filters:
            - type: ResponseHeaderModifier
              responseHeaderModifier: {add: [{name: x-a, value: a}], remove: [x-b]}
            - type: RequestRedirect
              requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /v2}}
          - matches: [{path: {value: /v3}}]
            filters:
            - type: URLRewrite
              urlRewrite: {path: {type: ReplaceFullPath, replaceFullPath: /v4}}
            backendRefs:
            - name: a
              port: 80
              filters:
              - {type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: x-c, value: c}], add: [{name: x-f, value: f}], remove: [x-g]}}
              - {type: ResponseHeaderModifier, responseHeaderModifier: {set: [{name: x-d, value: d}], remove: [x-e]}}
              - {type: RequestMirror, requestMirror: {backendRef: {group: "", kind: Service, name: m, namespace: travel-control, port: 80}, percent: 50}}
              - {type: CORS, cors: {allowOrigins: ["*"], allowCredentials: false, allowMethods: ["*"], allowHeaders: ["*"], exposeHeaders: [x-h], maxAge: 5}}
              - {type: ExtensionRef, extensionRef: {group: example.io, kind: Plugin, name: p}}
            - name: b
              port: 80
              filters:
              - {type: RequestMirror, requestMirror: {backendRef: {name: m2, port: 80}, fraction: {numerator: 1, denominator: 10}}}
              - {type: RequestRedirect, requestRedirect: {scheme: http, hostname: b.example.com, port: 8443, statusCode: 302, path: {type: ReplaceFullPath, replaceFullPath: /x}}}
            - name: c
              port: 80
              filters:
              - {type: URLRewrite, urlRewrite: {hostname: c.internal, path: {type: ReplacePrefixMatch, replacePrefixMatch: /y}}}
            - name: d
              port: 80
              filters:
              - {type: URLRewrite, urlRewrite: {path: {type: ReplaceFullPath, replaceFullPath: /z}}}
            - name: e
              port: 80
              filters:
              - {type: RequestRedirect, requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /w}}}
        """;

    [Fact]
    public void Rich_routes_set_every_field_and_round_trip_unchanged()
    {
        var route = Manifests.Load<HTTPRoute>(Rich);
        var second = Manifests.Load<HTTPRoute>(RichBackendFilters);
        Manifests.UnsetFields(route, second).Should().BeEmpty();
        Manifests.RoundTrip(second);
        var again = Manifests.RoundTrip(route);

        var rule = again.Spec!.Rules![0];
        rule.Matches![0].Method.Should().Be(HTTPMethod.Get);
        rule.Filters![4].Cors!.AllowMethods.Should().Equal(HTTPMethodWithWildcard.Get, HTTPMethodWithWildcard.Post);
        rule.Timeouts!.Request!.Value.Value.Should().Be(TimeSpan.FromSeconds(10));
        again.Spec.Rules[1].Filters![0].RequestRedirect!.Scheme.Should().Be(RedirectScheme.Https);
        again.Status.Should().NotBeNull();
    }

    [Fact]
    public void Defaults_the_api_server_would_apply_are_read_but_not_written()
    {
        var route = Manifests.Load<HTTPRoute>("""
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: HTTPRoute
            metadata: {name: r, namespace: default}
            spec:
              parentRefs: [{name: gw}]
              rules:
              - matches: [{path: {value: /a}}]
                backendRefs: [{name: a, port: 80}]
            """);
        var parent = route.Spec!.ParentRefs![0];
        (parent.GroupOrDefault, parent.KindOrDefault, parent.Group).Should().Be(("gateway.networking.k8s.io", "Gateway", null));
        route.Spec.Rules![0].Matches![0].Path!.TypeOrDefault.Should().Be(PathMatchType.PathPrefix);
    }

    [Fact]
    public void Experimental_retry_and_session_persistence_load_and_read_typed()
    {
        var route = Manifests.Load<HTTPRoute>("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: retry, namespace: default}
            spec:
              rules:
              - backendRefs: [{name: a, port: 80}]
                retry: {codes: [500, 503], attempts: 3, backoff: 100ms}
                sessionPersistence:
                  sessionName: travel
                  absoluteTimeout: 1h
                  idleTimeout: 10m
                  type: Cookie
                  cookieConfig: {lifetimeType: Permanent}
              - filters:
                - type: ExternalAuth
                  externalAuth:
                    protocol: HTTP
                    backendRef: {name: authz, port: 8000}
                    http: {path: /check, allowedHeaders: [authorization], allowedResponseHeaders: [x-user]}
                    forwardBody: {maxSize: 1024}
                backendRefs: [{name: a, port: 80}]
            """);
        var rule = route.Spec!.Rules![0];
        rule.Retry.Should().BeEquivalentTo(new HTTPRouteRetry { Codes = [500, 503], Attempts = 3, Backoff = new Duration("100ms") });
        rule.SessionPersistence!.CookieConfig!.LifetimeType.Should().Be(CookieLifetimeType.Permanent);
        var auth = route.Spec.Rules[1].Filters![0].ExternalAuth!;
        (auth.Protocol, auth.Http!.Path, auth.ForwardBody!.MaxSize).Should().Be((ExternalAuthProtocol.HTTP, "/check", 1024));
        Manifests.RoundTrip(route).Spec!.Rules![0].Retry!.Attempts.Should().Be(3);
    }

    [Fact]
    public void Every_error_of_a_route_is_reported_at_once()
    {
        Manifests.Messages(Route("""
            parentRefs: [{name: gw, port: 0}]
              hostnames: [Travel.example.com]
              rules:
              - matches: [{path: {type: Exact, value: foo}}]
                backendRefs: [{name: a}]
            """)).Should().Equal(
            "spec.parentRefs[0].port: Invalid value: 0: spec.parentRefs[0].port in body should be greater than or equal to 1",
            @"spec.hostnames[0]: Invalid value: ""Travel.example.com"": spec.hostnames[0] in body should match '^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'",
            "spec.rules[0].matches[0].path: Invalid value: \"object\": value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']",
            "spec.rules[0].backendRefs[0]: Invalid value: \"object\": Must have port for Service reference");
    }

    public static TheoryData<string, string, string> Invalid() => new()
    {
        {
            "a path with a double slash",
            "rules: [{matches: [{path: {value: /a//b}}]}]",
            "spec.rules[0].matches[0].path: Invalid value: \"object\": must not contain '//' when type one of ['Exact', 'PathPrefix']"
        },
        {
            "a path with a character outside RFC 3986",
            "rules: [{matches: [{path: {type: Exact, value: \"/a b\"}}]}]",
            "spec.rules[0].matches[0].path: Invalid value: \"object\": must only contain valid characters (matching ^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) for types ['Exact', 'PathPrefix']"
        },
        {
            "a redirect beside backends",
            "rules: [{filters: [{type: RequestRedirect, requestRedirect: {hostname: b.example.com}}], backendRefs: [{name: a, port: 80}]}]",
            "spec.rules[0]: Invalid value: \"object\": RequestRedirect filter must not be used together with backendRefs"
        },
        {
            "a redirect and a rewrite in one rule",
            "rules: [{filters: [{type: RequestRedirect, requestRedirect: {port: 8443}}, {type: URLRewrite, urlRewrite: {hostname: b}}]}]",
            "spec.rules[0].filters: Invalid value: \"array\": May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both"
        },
        {
            "a repeated request header modifier",
            "rules: [{filters: [{type: RequestHeaderModifier, requestHeaderModifier: {remove: [a]}}, {type: RequestHeaderModifier, requestHeaderModifier: {remove: [b]}}]}]",
            "spec.rules[0].filters: Invalid value: \"array\": RequestHeaderModifier filter cannot be repeated"
        },
        {
            "a prefix rewrite on an exact match",
            "rules: [{matches: [{path: {type: Exact, value: /a}}], filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /b}}}], backendRefs: [{name: a, port: 80}]}]",
            "spec.rules[0]: Invalid value: \"object\": When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"
        },
        {
            "a prefix redirect with two matches",
            "rules: [{matches: [{path: {value: /a}}, {path: {value: /b}}], filters: [{type: RequestRedirect, requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /c}}}]}]",
            "spec.rules[0]: Invalid value: \"object\": When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"
        },
        {
            "a full-path modifier without its path",
            "rules: [{filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplaceFullPath}}}]}]",
            "spec.rules[0].filters[0].urlRewrite.path: Invalid value: \"object\": replaceFullPath must be specified when type is set to 'ReplaceFullPath'"
        },
        {
            "a weight above a million",
            "rules: [{backendRefs: [{name: a, port: 80, weight: 1000001}]}]",
            "spec.rules[0].backendRefs[0].weight: Invalid value: 1000001: spec.rules[0].backendRefs[0].weight in body should be less than or equal to 1000000"
        },
        {
            "a backend request timeout longer than the request timeout",
            "rules: [{timeouts: {request: 1s, backendRequest: 2s}}]",
            "spec.rules[0].timeouts: Invalid value: \"object\": backendRequest timeout cannot be longer than request timeout"
        },
        {
            "a timeout with a fraction",
            "rules: [{timeouts: {request: 1.5s}}]",
            "spec.rules[0].timeouts.request: Invalid value: \"1.5s\": spec.rules[0].timeouts.request in body should match '^([0-9]{1,5}(h|m|s|ms)){1,4}$'"
        },
        {
            "two references to one gateway without sections",
            "parentRefs: [{name: gw, port: 80}, {name: gw, port: 443}]",
            "spec.parentRefs: Invalid value: \"array\": sectionName must be unique when parentRefs includes 2 or more references to the same parent"
        },
        {
            "two references to one gateway, one with a section",
            "parentRefs: [{name: gw, sectionName: http}, {name: gw}]",
            "spec.parentRefs: Invalid value: \"array\": sectionName must be specified when parentRefs includes 2 or more references to the same parent"
        },
        {
            "a redirect status code that is not a redirect",
            "rules: [{filters: [{type: RequestRedirect, requestRedirect: {statusCode: 300}}]}]",
            "spec.rules[0].filters[0].requestRedirect.statusCode: Unsupported value: 300: supported values: \"301\", \"302\", \"303\", \"307\", \"308\""
        },
        {
            "a mirror with both percent and fraction",
            "rules: [{filters: [{type: RequestMirror, requestMirror: {backendRef: {name: m, port: 80}, percent: 5, fraction: {numerator: 1}}}]}]",
            "spec.rules[0].filters[0].requestMirror: Invalid value: \"object\": Only one of percent or fraction may be specified in HTTPRequestMirrorFilter"
        },
        {
            "a mirror fraction above one",
            "rules: [{filters: [{type: RequestMirror, requestMirror: {backendRef: {name: m, port: 80}, fraction: {numerator: 3, denominator: 2}}}]}]",
            "spec.rules[0].filters[0].requestMirror.fraction: Invalid value: \"object\": numerator must be less than or equal to denominator"
        },
        {
            "a CORS wildcard origin beside others",
            "rules: [{filters: [{type: CORS, cors: {allowOrigins: [\"*\", \"https://a.example.com\"]}}]}]",
            "spec.rules[0].filters[0].cors.allowOrigins: Invalid value: \"array\": AllowOrigins cannot contain '*' alongside other origins"
        },
        {
            "a header matched twice",
            "rules: [{matches: [{headers: [{name: x-a, value: \"1\"}, {name: x-a, value: \"2\"}]}]}]",
            "spec.rules[0].matches[0].headers[1]: Duplicate value: map[string]interface {}{\"name\":\"x-a\"}"
        },
        {
            "a header name with a colon",
            "rules: [{filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: \":path\", value: /}]}}]}]",
            "spec.rules[0].filters[0].requestHeaderModifier.set[0].name: Invalid value: \":path\": spec.rules[0].filters[0].requestHeaderModifier.set[0].name in body should match '^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$'"
        },
        {
            "an empty list of rules",
            "rules: []",
            "spec.rules: Invalid value: 0: spec.rules in body should have at least 1 items"
        },
        {
            "a parent without a name",
            "parentRefs: [{kind: Gateway}]",
            "spec.parentRefs[0].name: Required value"
        },
        {
            "a misspelled experimental field",
            "rules: [{retyr: {attempts: 2}}]",
            "spec.rules[0].retyr: unknown field \"retyr\"; did you mean \"retry\"?"
        },
        {
            "a retry on a status code that is not an error",
            "rules: [{retry: {codes: [200]}}]",
            "spec.rules[0].retry.codes[0]: Invalid value: 200: spec.rules[0].retry.codes[0] in body should be greater than or equal to 400"
        },
        {
            "a permanent session cookie without an absolute timeout",
            "rules: [{sessionPersistence: {cookieConfig: {lifetimeType: Permanent}}}]",
            "spec.rules[0].sessionPersistence: Invalid value: \"object\": AbsoluteTimeout must be specified when cookie lifetimeType is Permanent"
        },
        {
            "an unknown method",
            "rules: [{matches: [{method: FETCH}]}]",
            "spec.rules[0].matches[0].method: Unsupported value: \"FETCH\": supported values: \"GET\", \"HEAD\", \"POST\", \"PUT\", \"DELETE\", \"CONNECT\", \"OPTIONS\", \"TRACE\", \"PATCH\""
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_route_is_refused_with_one_precise_error(string why, string spec, string expected) =>
        Manifests.Messages(Route(spec)).Should().Equal([expected], why);

    [Fact]
    public void Two_filters_of_the_wrong_shape_name_both_fields()
    {
        Manifests.Messages(Route("rules: [{filters: [{type: RequestHeaderModifier, responseHeaderModifier: {remove: [a]}}]}]")).Should().Equal(
            "spec.rules[0].filters[0]: Invalid value: \"object\": filter.requestHeaderModifier must be specified for RequestHeaderModifier filter.type",
            "spec.rules[0].filters[0]: Invalid value: \"object\": filter.responseHeaderModifier must be nil if the filter.type is not ResponseHeaderModifier");
    }

    [Fact]
    public void More_than_128_matches_across_rules_are_refused()
    {
        var rule = "{matches: [" + string.Join(", ", Enumerable.Range(0, 64).Select(i => $"{{path: {{value: /p{i}}}}}")) + "]}";
        Manifests.Messages(Route($"rules: [{rule}, {rule}, {{}}]")).Should().Equal(
            "spec.rules: Invalid value: \"array\": While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128");
    }

    [Fact]
    public void A_route_without_spec_is_refused() =>
        Manifests.Messages("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\n")
            .Should().Equal("spec: Required value");

    internal static string Route(string spec) =>
        $"apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\n  namespace: default\nspec:\n  {spec}\n";
}
