using Weft.Api.Mesh;
using Weft.Api.Model.Mesh;
using Weft.ControlPlane.Tests.Translation;
using Weft.ControlPlane.Translation;

namespace Weft.ControlPlane.Tests.Telemetry;

/// <summary>MeshConfig extensionProviders and Telemetry tracing providers decide where a proxy's spans go.</summary>
public sealed class TracingProvidersTests
{
    private const string Config = """
        apiVersion: v1
        kind: Service
        metadata: { name: otel-collector, namespace: observability }
        spec:
          selector: { app: otel-collector }
          ports: [{ name: http-otlp, port: 4318 }]
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: { name: collector-1, namespace: observability }
        spec: { address: 127.30.0.9, labels: { app: otel-collector } }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: cars, namespace: travel }
        spec:
          selector: { app: cars }
          ports: [{ name: http, port: 8000 }]
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: { name: cars-v1, namespace: travel }
        spec: { address: 127.20.0.1, labels: { app: cars, version: v1 } }
        """;

    private const string Providers = """
        extensionProviders:
        - name: otel
          opentelemetry:
            service: otel-collector.observability.svc.cluster.local
            port: 4318
            http: { path: /v1/traces }
        - name: weftd
          opentelemetry: { service: 127.0.0.1, port: 20001 }
        - name: otel-grpc
          opentelemetry: { service: opentelemetry-collector.observability.svc.cluster.local, port: 4317, grpc: {} }
        - name: zipkin
          zipkin: { service: zipkin.istio-system.svc.cluster.local, port: 9411 }
        """;

    private static MeshConfig Mesh(string extra)
    {
        var loaded = MeshConfigLoader.Load(Providers + "\n" + extra, "mesh.yaml");
        loaded.Errors.Should().BeEmpty();
        return loaded.Value!;
    }

    private static string? EndpointFor(string yaml, MeshConfig mesh) =>
        SnapshotBuilder.Build(TranslationFixture.Push(yaml, mesh), TranslationFixture.Node("cars-v1", "travel", "127.20.0.1", "app=cars,version=v1", (8000, 18000)), new HashSet<string>())
            .Telemetry.TracingEndpoint;

    [Fact]
    public void The_mesh_default_provider_is_resolved_to_an_endpoint_of_its_registered_service()
    {
        EndpointFor(Config, Mesh("defaultProviders: { tracing: [otel] }\n")).Should().Be("http://127.30.0.9:4318/v1/traces");
    }

    [Fact]
    public void A_provider_given_as_an_address_is_used_as_it_is_with_the_OTLP_path()
    {
        EndpointFor(Config, Mesh("defaultProviders: { tracing: [weftd] }\n")).Should().Be("http://127.0.0.1:20001/v1/traces");
    }

    [Fact]
    public void The_most_specific_Telemetry_resource_chooses_the_provider()
    {
        var telemetry = Config + """

            ---
            apiVersion: telemetry.istio.io/v1
            kind: Telemetry
            metadata: { name: mesh-default, namespace: istio-system }
            spec:
              tracing: [{ providers: [{ name: otel }] }]
            ---
            apiVersion: telemetry.istio.io/v1
            kind: Telemetry
            metadata: { name: cars, namespace: travel }
            spec:
              selector: { matchLabels: { app: cars } }
              tracing: [{ providers: [{ name: weftd }], randomSamplingPercentage: 100 }]
            """;
        EndpointFor(telemetry, Mesh("")).Should().Be("http://127.0.0.1:20001/v1/traces");
    }

    [Theory]
    [InlineData("")]
    [InlineData("defaultProviders: { tracing: [otel-grpc] }\n")]
    [InlineData("defaultProviders: { tracing: [zipkin] }\n")]
    public void No_provider_or_one_Weft_cannot_export_to_sends_no_spans(string extra)
    {
        EndpointFor(Config, Mesh(extra)).Should().BeNull();
    }
}
