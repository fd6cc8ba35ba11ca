using Weft.Api.Model.Mesh;
using Weft.ControlPlane.Tests.Translation;
using Weft.ControlPlane.Translation;
using Weft.Discovery.Clusters;
using Weft.Discovery.Security;

namespace Weft.ControlPlane.Tests.Security;

/// <summary>Istio's security config as a proxy's snapshot carries it: PeerAuthentication precedence, which AuthorizationPolicies select a workload, and upstream TLS.</summary>
public sealed class SecurityTranslationTests
{
    private const string Travels = """
        apiVersion: v1
        kind: Service
        metadata: {name: travels, namespace: travel-agency}
        spec:
          selector: {app: travels}
          ports: [{name: http, port: 8000}]
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: travels-vm, namespace: travel-agency}
        spec: {address: 127.20.0.1, labels: {app: travels}, serviceAccount: travels}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: travels-vm-2, namespace: travel-agency}
        spec: {address: 127.20.0.2, labels: {app: travels}, serviceAccount: travels-v2}
        """;

    private static readonly HashSet<string> NoSidecars = [];

    private static SecurityConfig SecurityOf(string yaml, string ns = "travel-agency", string labels = "app=travels", MeshConfig? mesh = null) =>
        SnapshotBuilder.Build(TranslationFixture.Push(Travels + "\n" + (yaml.Length == 0 || yaml.StartsWith("---", StringComparison.Ordinal) ? yaml : "---\n" + yaml), mesh), TranslationFixture.Node("travels-vm", ns, "127.20.0.1", labels), NoSidecars).Security;

    private static string Pa(string name, string ns, string mode, string selector = "") => $"""
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {"{"}name: {name}, namespace: {ns}{"}"}
        spec:
          {selector}
          mtls: {"{"}mode: {mode}{"}"}

        """;

    [Fact]
    public void Without_PeerAuthentication_a_workload_is_PERMISSIVE()
    {
        SecurityOf("").PeerAuthentication.Should().Be(new PeerAuthenticationConfig { Mode = MtlsMode.Permissive });
    }

    [Fact]
    public void The_root_namespace_policy_applies_mesh_wide_and_the_namespace_one_overrides_it()
    {
        SecurityOf(Pa("default", "istio-system", "STRICT")).PeerAuthentication.Mode.Should().Be(MtlsMode.Strict);
        SecurityOf(Pa("default", "istio-system", "STRICT") + Pa("ns", "travel-agency", "PERMISSIVE")).PeerAuthentication.Mode.Should().Be(MtlsMode.Permissive);
        SecurityOf(Pa("default", "istio-system", "STRICT") + Pa("other", "travel-portal", "DISABLE")).PeerAuthentication.Mode.Should().Be(MtlsMode.Strict);
    }

    [Fact]
    public void A_workload_selector_beats_the_namespace_and_UNSET_inherits()
    {
        var selected = "selector: {matchLabels: {app: travels}}";
        SecurityOf(Pa("ns", "travel-agency", "STRICT") + Pa("wl", "travel-agency", "DISABLE", selected)).PeerAuthentication.Mode.Should().Be(MtlsMode.Disable);
        SecurityOf(Pa("ns", "travel-agency", "STRICT") + Pa("wl", "travel-agency", "UNSET", selected)).PeerAuthentication.Mode.Should().Be(MtlsMode.Strict);
        SecurityOf(Pa("ns", "travel-agency", "STRICT") + Pa("wl", "travel-agency", "DISABLE", "selector: {matchLabels: {app: cars}}")).PeerAuthentication.Mode.Should().Be(MtlsMode.Strict);
    }

    [Fact]
    public void PortLevelMtls_of_the_workload_policy_sets_per_port_modes()
    {
        var security = SecurityOf("""
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: wl, namespace: travel-agency}
            spec:
              selector: {matchLabels: {app: travels}}
              mtls: {mode: STRICT}
              portLevelMtls:
                "8000": {mode: PERMISSIVE}
                "9000": {mode: UNSET}
            """);
        security.PeerAuthentication.Mode.Should().Be(MtlsMode.Strict);
        security.PeerAuthentication.PortModes.Should().Equal(new Dictionary<int, MtlsMode> { [8000] = MtlsMode.Permissive });
    }

    private const string AllowNothingAgency = """
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: allow-nothing, namespace: travel-agency}
        spec: {}
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: allow-nothing, namespace: travel-portal}
        spec: {}
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: mesh-deny-debug, namespace: istio-system}
        spec:
          action: DENY
          rules: [{to: [{operation: {paths: ["/debug*"]}}]}]
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: cars-only, namespace: travel-agency}
        spec:
          selector: {matchLabels: {app: cars}}
          rules: [{}]
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: gateway-only, namespace: travel-agency}
        spec:
          targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: travel-gateway}]
          rules: [{}]
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: allow-portal, namespace: travel-agency}
        spec:
          selector: {matchLabels: {app: travels}}
          rules:
          - from:
            - source:
                principals: [cluster.local/ns/travel-portal/sa/travels]
                serviceAccounts: [travel-control/control, agency]
          - to: [{operation: {methods: [GET], ports: ["8000"]}}]
            when: [{key: "request.headers[x-user]", values: [alice], notValues: [bob]}]
        """;

    [Fact]
    public void A_workload_gets_its_namespace_policies_root_namespace_ones_and_those_whose_selector_it_matches()
    {
        var policies = SecurityOf(AllowNothingAgency).AuthorizationPolicies;
        policies.Select(p => $"{p.Namespace}/{p.Name} {p.Action} {p.Rules.Length}").Should().Equal(
            "travel-agency/allow-nothing Allow 0",
            "istio-system/mesh-deny-debug Deny 1",
            "travel-agency/allow-portal Allow 2");
    }

    [Fact]
    public void Service_accounts_become_principals_of_the_trust_domain_and_every_field_is_carried()
    {
        var policy = SecurityOf(AllowNothingAgency).AuthorizationPolicies.Single(p => p.Name == "allow-portal");
        policy.Rules[0].From.Single().Principals.Should().Equal(
            "cluster.local/ns/travel-portal/sa/travels", "cluster.local/ns/travel-control/sa/control", "cluster.local/ns/travel-agency/sa/agency");
        var to = policy.Rules[1].To.Single();
        to.Methods.Should().Equal("GET");
        to.Ports.Should().Equal("8000");
        policy.Rules[1].When.Single().Should().BeEquivalentTo(new AuthorizationCondition { Key = "request.headers[x-user]", Values = ["alice"], NotValues = ["bob"] });
    }

    [Fact]
    public void A_CUSTOM_policy_gets_its_envoyExtAuthzHttp_provider_pointed_at_the_proxys_cluster_for_the_service()
    {
        var mesh = new MeshConfig
        {
            ExtensionProviders =
            [
                new ExtensionProvider { Name = "unused", EnvoyExtAuthzHttp = new() { Service = "travels.travel-agency.svc.cluster.local", Port = 8000 } },
                new ExtensionProvider
                {
                    Name = "ext-authz",
                    EnvoyExtAuthzHttp = new()
                    {
                        Service = "travels.travel-agency.svc.cluster.local", Port = 8000, PathPrefix = "/check", FailOpen = true, StatusOnError = "503",
                        IncludeRequestHeadersInCheck = ["x-ext-authz"], HeadersToUpstreamOnAllow = ["x-user"],
                    },
                },
            ],
        };
        var security = SecurityOf("""
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: ext, namespace: travel-agency}
            spec:
              action: CUSTOM
              provider: {name: ext-authz}
              rules: [{to: [{operation: {paths: ["/admin*"]}}]}]
            """, mesh: mesh);
        security.AuthorizationPolicies.Single().Provider.Should().Be("ext-authz");
        security.ExtAuthzProviders.Should().NotBeNull();
        security.ExtAuthzProviders!.Value.Should().ContainSingle().Which.Should().BeEquivalentTo(new ExtAuthzProvider
        {
            Name = "ext-authz",
            Cluster = "outbound|8000||travels.travel-agency.svc.cluster.local",
            Authority = "travels.travel-agency.svc.cluster.local:8000",
            PathPrefix = "/check",
            FailOpen = true,
            StatusOnError = 503,
            IncludeRequestHeaders = ["x-ext-authz"],
            HeadersToUpstreamOnAllow = ["x-user"],
        });
        SecurityOf("").ExtAuthzProviders.Should().BeNull();
    }

    [Fact]
    public void A_CUSTOM_policy_gets_its_envoyExtAuthzGrpc_provider_as_a_grpc_check_on_the_proxys_cluster()
    {
        var mesh = new MeshConfig
        {
            ExtensionProviders =
            [
                new ExtensionProvider
                {
                    Name = "ext-authz-grpc",
                    EnvoyExtAuthzGrpc = new() { Service = "travels.travel-agency.svc.cluster.local", Port = 9000, Timeout = new Weft.Api.Model.Duration("0.5s"), FailOpen = true, StatusOnError = "503" },
                },
            ],
        };
        var security = SecurityOf("""
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: ext, namespace: travel-agency}
            spec:
              action: CUSTOM
              provider: {name: ext-authz-grpc}
              rules: [{to: [{operation: {paths: ["/admin*"]}}]}]
            """, mesh: mesh);
        security.ExtAuthzProviders!.Value.Should().ContainSingle().Which.Should().BeEquivalentTo(new ExtAuthzProvider
        {
            Name = "ext-authz-grpc",
            Grpc = true,
            Cluster = "outbound|9000||travels.travel-agency.svc.cluster.local",
            Authority = "travels.travel-agency.svc.cluster.local:9000",
            Timeout = TimeSpan.FromMilliseconds(500),
            FailOpen = true,
            StatusOnError = 503,
        });
    }

    [Fact]
    public void Mesh_path_normalization_reaches_the_proxy()
    {
        var mesh = new MeshConfig { PathNormalization = new ProxyPathNormalization { Normalization = PathNormalizationType.DecodeAndMergeSlashes } };
        SecurityOf("", mesh: mesh).PathNormalization.Should().Be(PathNormalization.DecodeAndMergeSlashes);
        SecurityOf("").PathNormalization.Should().BeNull();
    }

    [Fact]
    public void Auto_mTLS_originates_ISTIO_MUTUAL_to_sidecar_endpoints_checking_every_service_account_of_the_service()
    {
        var push = TranslationFixture.Push(Travels);
        var client = TranslationFixture.Node("portal", "travel-portal", "127.20.0.9");
        var cluster = SnapshotBuilder.Build(push, client, new HashSet<string> { "127.20.0.1" }).Clusters.Single(c => c.Name == "outbound|8000||travels.travel-agency.svc.cluster.local");
        cluster.Tls.Should().BeEquivalentTo(new UpstreamTlsSettings
        {
            Mode = TlsMode.IstioMutual,
            Auto = true,
            Sni = "outbound_.8000_._.travels.travel-agency.svc.cluster.local",
            SubjectAltNames = ["spiffe://cluster.local/ns/travel-agency/sa/travels", "spiffe://cluster.local/ns/travel-agency/sa/travels-v2"],
        });
        var endpoints = SnapshotBuilder.Build(push, client, new HashSet<string> { "127.20.0.1" }).Endpoints.Single(e => e.ClusterName == cluster.Name).Endpoints;
        endpoints.Select(e => $"{e.Address} {e.TlsMode ?? "plaintext"}").Should().Equal("127.20.0.1 istio", "127.20.0.2 plaintext");
        SnapshotBuilder.Build(push, client, NoSidecars).Clusters.Single(c => c.Name == cluster.Name).Tls.Should().BeNull("no endpoint runs a sidecar");
    }

    [Fact]
    public void DestinationRule_tls_modes_reach_the_cluster()
    {
        UpstreamTlsSettings? TlsOf(string tls)
        {
            var push = TranslationFixture.Push(Travels + $$"""

                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: travels, namespace: travel-agency}
                spec:
                  host: travels
                  trafficPolicy: {tls: {{tls}}}
                """);
            return SnapshotBuilder.Build(push, TranslationFixture.Node("portal", "travel-portal", "127.20.0.9"), new HashSet<string> { "127.20.0.1" })
                .Clusters.Single(c => c.Name == "outbound|8000||travels.travel-agency.svc.cluster.local").Tls;
        }
        TlsOf("{mode: DISABLE}").Should().BeNull();
        TlsOf("{mode: ISTIO_MUTUAL}")!.Auto.Should().BeFalse();
        TlsOf("{mode: SIMPLE, caCertificates: /etc/certs/ca.pem, sni: travels.example.com}").Should().BeEquivalentTo(new UpstreamTlsSettings
        {
            Mode = TlsMode.Simple, CaCertificates = "/etc/certs/ca.pem", Sni = "travels.example.com",
        });
        TlsOf("{mode: MUTUAL, clientCertificate: /c.pem, privateKey: /k.pem, subjectAltNames: [travels.example.com]}").Should().BeEquivalentTo(new UpstreamTlsSettings
        {
            Mode = TlsMode.Mutual, ClientCertificate = "/c.pem", PrivateKey = "/k.pem", SubjectAltNames = ["travels.example.com"],
        });
    }
}
