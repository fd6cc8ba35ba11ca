using Weft.Api.Model.Security;

namespace Weft.Api.Tests.Security;

public class AuthorizationPolicyTests
{
    private const string Rich = """
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata:
          name: travels-allow
          namespace: travel-agency
          annotations:
            istio.io/dry-run: "false"
        spec:
          selector:
            matchLabels:
              app: travels
          action: ALLOW
          rules:
          - from:
            - source:
                principals: ["cluster.local/ns/travel-portal/sa/default", "cluster.local/ns/travel-portal/*"]
                notPrincipals: ["*/sa/attacker"]
                requestPrincipals: ["https://issuer.example.com/*"]
                notRequestPrincipals: ["*/guest"]
                namespaces: ["travel-portal", "travel-*"]
                notNamespaces: ["*-sandbox"]
                ipBlocks: ["10.0.0.0/8", "192.168.1.7"]
                notIpBlocks: ["10.9.0.0/16"]
                remoteIpBlocks: ["203.0.113.0/24"]
                notRemoteIpBlocks: ["203.0.113.9"]
                trustDomains: ["cluster.local"]
                notTrustDomains: ["*.evil"]
            - source:
                serviceAccounts: ["travel-control/control", "default"]
                notServiceAccounts: ["travel-control/legacy"]
            to:
            - operation:
                hosts: ["travels.travel-agency.svc.cluster.local", "*.example.com"]
                notHosts: ["admin.*"]
                ports: ["8000"]
                notPorts: ["15000"]
                methods: ["GET", "POST"]
                notMethods: ["DELETE"]
                paths: ["/travels/*", "/api/{*}/quote", "/static/{**}"]
                notPaths: ["/admin*"]
            when:
            - key: request.headers[x-user]
              values: ["alice", "bob*"]
              notValues: ["mallory"]
            - key: source.ip
              values: ["10.0.0.0/8"]
            - key: request.auth.claims[groups]
              values: ["travellers"]
            - key: destination.port
              notValues: ["9000"]
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata:
          name: ext-authz
          namespace: istio-system
        spec:
          targetRef:
            group: gateway.networking.k8s.io
            kind: Gateway
            name: ingress
            namespace: ""
          action: CUSTOM
          provider:
            name: opa
          rules:
          - to:
            - operation:
                paths: ["/admin/*"]
        ---
        apiVersion: security.istio.io/v1beta1
        kind: AuthorizationPolicy
        metadata:
          name: deny-legacy
          namespace: travel-agency
        spec:
          targetRefs:
          - kind: Service
            group: ""
            name: cars
            namespace: ""
          action: DENY
          rules:
          - from:
            - source:
                ipBlocks: ["10.9.0.0/16"]
            to:
            - operation:
                ports: ["8000"]
        """;

    [Fact]
    public void A_rich_policy_of_every_field_round_trips_unchanged()
    {
        var policies = Manifests.LoadAll(Rich).Cast<AuthorizationPolicy>().ToList();
        Manifests.UnsetFields([.. policies]).Should().BeEmpty("the examples exercise every field of the model");
        foreach (var p in policies)
            Manifests.RoundTrip(p);
        var allow = policies[0].Spec!;
        allow.Action.Should().Be(AuthorizationPolicyAction.Allow);
        allow.Rules![0].From![0].Source!.Principals.Should().Equal("cluster.local/ns/travel-portal/sa/default", "cluster.local/ns/travel-portal/*");
        allow.Rules[0].When![0].Key.Should().Be("request.headers[x-user]");
        policies[1].Spec!.Provider!.Name.Should().Be("opa");
        policies[2].ApiVersion.Should().Be("security.istio.io/v1beta1");
    }

    [Fact]
    public void The_allow_nothing_policy_of_the_labs_is_valid()
    {
        var policy = Manifests.Load<AuthorizationPolicy>("""
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata:
              name: allow-nothing
              namespace: travel-agency
            spec: {}
            """);
        policy.Spec!.Rules.Should().BeNull();
        policy.Spec.Action.Should().BeNull("absent means ALLOW, which with no rules allows nothing");
    }

    [Fact]
    public void The_short_name_ap_finds_the_kind()
    {
        Kinds.KindRegistry.Default.FindByName("ap").Should().ContainSingle().Which.Kind.Should().Be("AuthorizationPolicy");
    }

    [Fact]
    public void Every_problem_of_a_policy_is_reported_at_once()
    {
        Manifests.Messages("""
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: many}
            spec:
              action: DENY
              provider: {name: opa}
              rules:
              - from:
                - source:
                    principals: ["spiffe://cluster.local/ns/a/sa/b"]
                    ipBlocks: ["10.0.0.1/33"]
                to:
                - operation:
                    ports: ["http"]
            """).Should().Equal(
            "spec.provider: Forbidden: only a CUSTOM action has a provider; the action is DENY",
            "spec.rules[0].from[0].source.principals[0]: Invalid value: \"spiffe://cluster.local/ns/a/sa/b\": a principal is written without \"spiffe://\" (\"cluster.local/ns/a/sa/b\"); Istio adds the scheme itself, so this value never matches",
            "spec.rules[0].from[0].source.ipBlocks[0]: Invalid value: \"10.0.0.1/33\": bad CIDR range: expected an address and a prefix length, such as 10.1.0.0/16",
            "spec.rules[0].to[0].operation.ports[0]: Invalid value: \"http\": bad port: must be a number from 0 to 65535");
    }

    public static TheoryData<string, string, string> Invalid() => new()
    {
        {
            "DENY without rules never triggers",
            "action: DENY",
            "spec.rules: Required value: a DENY action without rules is never triggered; add an empty rule {} to deny every request"
        },
        {
            "CUSTOM without rules never triggers",
            "action: CUSTOM\n  provider: {name: opa}",
            "spec.rules: Required value: a CUSTOM action without rules is never triggered; add an empty rule {} to trigger it for every request"
        },
        {
            "CUSTOM needs a provider name",
            "action: CUSTOM\n  rules: [{}]",
            "spec.provider.name: Required value: a CUSTOM action names the extension provider that decides"
        },
        {
            "CUSTOM cannot use peer identities",
            "action: CUSTOM\n  provider: {name: opa}\n  rules:\n  - from:\n    - source: {principals: [\"cluster.local/ns/a/sa/b\"]}",
            "spec.rules[0].from[0].source.principals: Forbidden: not supported with the CUSTOM action"
        },
        {
            "CUSTOM cannot test request.auth attributes",
            "action: CUSTOM\n  provider: {name: opa}\n  rules:\n  - when:\n    - key: request.auth.principal\n      values: [\"x\"]",
            "spec.rules[0].when[0].key: Forbidden: request.auth.principal is not supported with the CUSTOM action"
        },
        {
            "an unknown action is listed with the supported ones",
            "action: REJECT",
            "spec.action: Unsupported value: \"REJECT\": supported values: \"ALLOW\", \"DENY\", \"AUDIT\", \"CUSTOM\""
        },
        {
            "serviceAccounts exclude principals",
            "rules:\n  - from:\n    - source: {serviceAccounts: [\"ns/sa\"], principals: [\"a\"]}",
            "spec.rules[0].from[0].source: Invalid value: \"object\": Cannot set serviceAccounts with namespaces or principals"
        },
        {
            "a principal with a wildcard in the middle never matches",
            "rules:\n  - from:\n    - source: {principals: [\"cluster.local/ns/*/sa/sleep\"]}",
            "spec.rules[0].from[0].source.principals[0]: Invalid value: \"cluster.local/ns/*/sa/sleep\": '*' is only supported at the start or the end of a value (a suffix, prefix or presence match)"
        },
        {
            "a principal with a path is TRUST_DOMAIN/ns/NS/sa/SA",
            "rules:\n  - from:\n    - source: {principals: [\"cluster.local/default/sleep\"]}",
            "spec.rules[0].from[0].source.principals[0]: Invalid value: \"cluster.local/default/sleep\": a principal is TRUST_DOMAIN/ns/NAMESPACE/sa/SERVICE_ACCOUNT (for example cluster.local/ns/default/sa/sleep)"
        },
        {
            "an empty principal",
            "rules:\n  - from:\n    - source: {principals: [\"\"]}",
            "spec.rules[0].from[0].source.principals[0]: Invalid value: \"\": empty value not allowed"
        },
        {
            "a namespace with capitals",
            "rules:\n  - from:\n    - source: {namespaces: [\"Travel\"]}",
            "spec.rules[0].from[0].source.namespaces[0]: Invalid value: \"Travel\": " + Validation.Rules.Dns1123LabelMessage
        },
        {
            "a service account with two slashes",
            "rules:\n  - from:\n    - source: {serviceAccounts: [\"a/b/c\"]}",
            "spec.rules[0].from[0].source.serviceAccounts[0]: Invalid value: \"a/b/c\": a service account is NAMESPACE/NAME or NAME"
        },
        {
            "a malformed IP",
            "rules:\n  - from:\n    - source: {remoteIpBlocks: [\"10.0.0\"]}",
            "spec.rules[0].from[0].source.remoteIpBlocks[0]: Invalid value: \"10.0.0\": bad IP address"
        },
        {
            "an empty from list",
            "rules:\n  - from: []",
            "spec.rules[0].from: Required value: an empty list matches no request; remove \"from\" to match every source"
        },
        {
            "a from without a source",
            "rules:\n  - from:\n    - {}",
            "spec.rules[0].from[0].source: Required value"
        },
        {
            "an empty source",
            "rules:\n  - from:\n    - source: {}",
            "spec.rules[0].from[0].source: Required value: a source sets at least one field; remove it to match every source"
        },
        {
            "an empty operation",
            "rules:\n  - to:\n    - operation: {}",
            "spec.rules[0].to[0].operation: Required value: an operation sets at least one field; remove it to match every operation"
        },
        {
            "a port above 65535",
            "rules:\n  - to:\n    - operation: {notPorts: [\"70000\"]}",
            "spec.rules[0].to[0].operation.notPorts[0]: Invalid value: \"70000\": bad port: must be a number from 0 to 65535"
        },
        {
            "a method that is not a token",
            "rules:\n  - to:\n    - operation: {methods: [\"GET POST\"]}",
            "spec.rules[0].to[0].operation.methods[0]: Invalid value: \"GET POST\": an HTTP method is a token (letters, digits and !#$%&'+-.^_`|~), such as GET"
        },
        {
            "a path template with a named variable",
            "rules:\n  - to:\n    - operation: {paths: [\"/{*}/items/{id}\"]}",
            "spec.rules[0].to[0].operation.paths[0]: Invalid value: \"/{*}/items/{id}\": invalid or unsupported path template: only {*} and {**} may be used in a template, without '*' segments or named variables"
        },
        {
            "an unknown condition key",
            "rules:\n  - when:\n    - key: source.name\n      values: [\"x\"]",
            "spec.rules[0].when[0].key: Invalid value: \"source.name\": unknown attribute; supported keys: request.headers[NAME], source.ip, remote.ip, source.namespace, source.principal, source.serviceAccount, source.trustDomain, request.auth.principal, request.auth.audiences, request.auth.presenter, request.auth.claims[NAME], destination.ip, destination.port, connection.sni, experimental.envoy.filters.*[KEY]"
        },
        {
            "a header condition without a header name",
            "rules:\n  - when:\n    - key: request.headers[]\n      values: [\"x\"]",
            "spec.rules[0].when[0].key: Invalid value: \"request.headers[]\": bad key: should have the form request.headers[NAME]"
        },
        {
            "destination.labels is replaced by the selector",
            "rules:\n  - when:\n    - key: destination.labels[app]\n      values: [\"x\"]",
            "spec.rules[0].when[0].key: Invalid value: \"destination.labels[app]\": destination.labels is replaced by the policy's selector"
        },
        {
            "a condition without values",
            "rules:\n  - when:\n    - key: source.namespace",
            "spec.rules[0].when[0].values: Required value: at least one of values or notValues must be set for key source.namespace"
        },
        {
            "a condition without a key",
            "rules:\n  - when:\n    - values: [\"x\"]",
            "spec.rules[0].when[0].key: Required value"
        },
        {
            "a source.ip condition with a host name",
            "rules:\n  - when:\n    - key: source.ip\n      notValues: [\"example.com\"]",
            "spec.rules[0].when[0].notValues[0]: Invalid value: \"example.com\": bad IP address"
        },
        {
            "selector and targetRef together",
            "selector: {matchLabels: {app: a}}\n  targetRef: {kind: Gateway, group: gateway.networking.k8s.io, name: gw}",
            "spec: Invalid value: \"object\": only one of targetRefs or selector can be set"
        },
        {
            "a selector with a wildcard value",
            "selector: {matchLabels: {app: \"web*\"}}",
            "spec.selector.matchLabels[app]: Invalid value: \"string\": wildcard not allowed in label value match"
        },
        {
            "a targetRef to a kind Istio cannot attach to",
            "targetRef: {group: apps, kind: Deployment, name: web}",
            "spec.targetRef: Invalid value: \"apps/Deployment\": targetRef must be to one of Service (group \"\" or \"core\"), ServiceEntry (networking.istio.io), Gateway or GatewayClass (gateway.networking.k8s.io)"
        },
        {
            "a targetRef into another namespace",
            "targetRefs: [{kind: Service, name: web, namespace: other}]",
            "spec.targetRefs[0].namespace: Invalid value: \"string\": cross namespace referencing is not currently supported"
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_policy_is_refused_with_one_precise_error(string why, string spec, string expected)
    {
        var yaml = $"apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: bad\n  namespace: ns\nspec:\n  {spec}\n";
        Manifests.Messages(yaml).Should().Equal([expected], why);
    }

    [Fact]
    public void Dry_run_is_only_for_allow_and_deny_and_takes_a_boolean()
    {
        Manifests.Errors("""
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata:
              name: audit
              annotations: {istio.io/dry-run: "true"}
            spec:
              action: AUDIT
              rules: [{}]
            ---
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata:
              name: maybe
              annotations: {istio.io/dry-run: "maybe"}
            spec: {}
            """).Select(e => (e.Path, e.Message)).Should().Equal(
            ("metadata.annotations[istio.io/dry-run]", "metadata.annotations[istio.io/dry-run]: Forbidden: istio.io/dry-run is only supported with the ALLOW and DENY actions, not AUDIT"),
            ("metadata.annotations[istio.io/dry-run]", "metadata.annotations[istio.io/dry-run]: Invalid value: \"maybe\": must be a boolean (true or false)"));
    }

    [Fact]
    public void Errors_point_at_the_line_of_the_offending_value()
    {
        var load = Loading.ManifestLoader.Load("""
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: lines, namespace: ns}
            spec:
              rules:
              - to:
                - operation:
                    methods: ["GET"]
                    ports: ["8o8o"]
            """, "ap.yaml");
        var d = Validation.Validators.Validate(load.Objects).Should().ContainSingle().Which;
        d.ToString().Should().Be("ap.yaml:9:17: document 1 (AuthorizationPolicy ns/lines): spec.rules[0].to[0].operation.ports[0]: Invalid value: \"8o8o\": bad port: must be a number from 0 to 65535");
    }
}
