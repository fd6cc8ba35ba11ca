using Weft.Api.Analysis;
using Weft.Api.Mesh;

namespace Weft.Api.Tests.Analysis.ServiceEntries;

public class ServiceEntryAnalyzersTests
{
    private static string Entry(string ns, string name, string host, string port, string? extra = null) => $$"""

        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
          hosts: [{{host}}]
          ports: [{{port}}]
          resolution: DNS
        {{extra ?? ""}}
        """;

    [Fact]
    public void Tcp_ports_without_addresses_are_warned_about_unless_the_mesh_allocates_addresses()
    {
        var yaml = Entry("travel-agency", "db", "db.example.com", "{number: 3306, name: tcp-db, protocol: tcp}")
            + Entry("travel-agency", "unnamed", "cache.example.com", "{number: 6379, name: cache}")
            + Entry("travel-agency", "with-address", "mq.example.com", "{number: 5672, name: tcp-mq, protocol: TCP}", "  addresses: [10.9.0.1]")
            + Entry("travel-agency", "https", "api.example.com", "{number: 443, name: https, protocol: HTTPS}");
        AnalyzerKit.Analyze("serviceentry.Analyzer", yaml).Lines().Should().Equal(
            "IST0134 ServiceEntry travel-agency/db: ServiceEntry addresses are required for this protocol.",
            "IST0134 ServiceEntry travel-agency/unnamed: ServiceEntry addresses are required for this protocol.");

        var mesh = MeshConfigLoader.Load("""
            defaultConfig:
              proxyMetadata: {ISTIO_META_DNS_CAPTURE: "true", ISTIO_META_DNS_AUTO_ALLOCATE: "true"}
            """, "mesh.yaml");
        AnalyzerKit.Analyze("serviceentry.Analyzer", yaml, AnalysisOptions.Default with { Mesh = mesh.Value! }).Should().BeEmpty();
    }

    [Fact]
    public void Addresses_the_control_plane_allocated_count_when_dns_is_captured()
    {
        var yaml = Entry("travel-agency", "db", "db.example.com", "{number: 3306, name: tcp-db, protocol: TCP}")
            + "status:\n  addresses: [{host: db.example.com, value: 240.240.0.1}]\n";
        var capture = MeshConfigLoader.Load("defaultConfig: {proxyMetadata: {ISTIO_META_DNS_CAPTURE: \"true\"}}", "mesh.yaml");
        AnalyzerKit.Analyze("serviceentry.Analyzer", yaml, AnalysisOptions.Default with { Mesh = capture.Value! }).Should().BeEmpty();
        AnalyzerKit.Analyze("serviceentry.Analyzer", yaml).Should().ContainSingle().Which.Code.Should().Be("IST0134");
    }

    [Fact]
    public void One_host_and_port_with_two_protocols_in_the_same_scope_conflict()
    {
        AnalyzerKit.Analyze("serviceentry.ConflictingServiceEntryProtocolAnalyzer",
            Entry("travel-agency", "api-http", "api.example.com", "{number: 8080, name: http, protocol: HTTP}")
            + Entry("travel-agency", "api-tcp", "api.example.com", "{number: 8080, name: tcp, protocol: TCP}")
            + Entry("other", "api-grpc", "api.example.com", "{number: 8080, name: grpc, protocol: GRPC}", "  exportTo: [\".\"]"))
            .Lines().Should().Equal(
                "IST0177 ServiceEntry travel-agency/api-http: Multiple ServiceEntries (travel-agency/api-http, travel-agency/api-tcp) define the same host \"api.example.com\" and port 8080 with conflicting protocols (HTTP, TCP).",
                "IST0177 ServiceEntry travel-agency/api-tcp: Multiple ServiceEntries (travel-agency/api-http, travel-agency/api-tcp) define the same host \"api.example.com\" and port 8080 with conflicting protocols (HTTP, TCP).",
                // Entries exported everywhere are also seen in "other", beside its own GRPC entry.
                "IST0177 ServiceEntry other/api-grpc: Multiple ServiceEntries (other/api-grpc, travel-agency/api-http, travel-agency/api-tcp) define the same host \"api.example.com\" and port 8080 with conflicting protocols (GRPC, HTTP, TCP).");
    }

    [Fact]
    public void The_same_protocol_in_any_case_or_scopes_that_do_not_meet_do_not_conflict()
    {
        AnalyzerKit.Analyze("serviceentry.ConflictingServiceEntryProtocolAnalyzer",
            Entry("a", "one", "api.example.com", "{number: 8080, name: http, protocol: HTTP}")
            + Entry("b", "two", "api.example.com", "{number: 8080, name: http, protocol: http}")
            + Entry("c", "three", "db.example.com", "{number: 3306, name: tcp, protocol: TCP}", "  exportTo: [\".\"]")
            + Entry("d", "four", "db.example.com", "{number: 3306, name: mysql, protocol: MYSQL}", "  exportTo: [\".\"]"))
            .Should().BeEmpty();
    }
}
