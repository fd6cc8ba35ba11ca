using Weft.Api.Analysis;
using Weft.Api.Mesh;

namespace Weft.Api.Tests.Analysis.Telemetries;

public class TelemetryAnalyzersTests
{
    private const string Workload = """
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: cars-vm, namespace: travel-agency}
        spec:
          address: 10.0.1.10
          labels: {app: cars, version: v1}
        """;

    private static string Telemetry(string ns, string name, string spec) => $$"""

        ---
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
        {{spec}}
        """;

    [Fact]
    public void A_telemetry_selector_that_matches_no_workload_is_an_error_and_two_selecting_one_conflict()
    {
        AnalyzerKit.Analyze("telemetry.SelectorAnalyzer", Workload
            + Telemetry("travel-agency", "by-app", "  selector: {matchLabels: {app: cars}}")
            + Telemetry("travel-agency", "by-version", "  selector: {matchLabels: {version: v1}}")
            + Telemetry("travel-agency", "nothing", "  selector: {matchLabels: {app: trucks}}")).Lines().Should().Equal(
            "IST0101 Telemetry travel-agency/nothing: Referenced selector not found: \"app=trucks\"",
            "IST0159 Telemetry travel-agency/by-app: The Telemetries [by-app by-version] in namespace \"travel-agency\" select the same workload pod \"cars-vm\", which can lead to undefined behavior.",
            "IST0159 Telemetry travel-agency/by-version: The Telemetries [by-app by-version] in namespace \"travel-agency\" select the same workload pod \"cars-vm\", which can lead to undefined behavior.");
    }

    [Fact]
    public void Two_namespace_wide_telemetries_in_a_namespace_conflict_but_targeted_ones_do_not()
    {
        const string metrics = "  metrics: [{providers: [{name: prometheus}]}]";
        AnalyzerKit.Analyze("telemetry.DefaultSelectorAnalyzer", Workload
            + Telemetry("travel-agency", "a", metrics)
            + Telemetry("travel-agency", "b", metrics)
            + Telemetry("travel-agency", "c", "  targetRefs: [{kind: Service, group: \"\", name: cars}]\n" + metrics)
            + Telemetry("travel-portal", "d", metrics)).Lines().Should().Equal(
            "IST0160 Telemetry travel-agency/a: The Telemetries [a b] in namespace \"travel-agency\" have no workload selector, which can lead to undefined behavior.",
            "IST0160 Telemetry travel-agency/b: The Telemetries [a b] in namespace \"travel-agency\" have no workload selector, which can lead to undefined behavior.");
    }

    [Fact]
    public void Access_logging_without_providers_is_ignored_unless_the_mesh_has_a_default_provider()
    {
        const string yaml = """
            apiVersion: telemetry.istio.io/v1
            kind: Telemetry
            metadata: {name: mesh-default, namespace: istio-system}
            spec:
              accessLogging:
              - providers: [{name: envoy}]
              - filter: {expression: "response.code >= 400"}
              - disabled: true
            """;
        AnalyzerKit.Analyze("telemetry.ProviderAnalyzer", yaml).Lines().Should().Equal(
            "IST0157 Telemetry istio-system/mesh-default: The Telemetry mesh-default in namespace \"istio-system\" with empty providers will be ignored.");

        var mesh = MeshConfigLoader.Load("defaultProviders: {accessLogging: [envoy]}", "mesh.yaml");
        mesh.Errors.Should().BeEmpty();
        AnalyzerKit.Analyze("telemetry.ProviderAnalyzer", yaml, AnalysisOptions.Default with { Mesh = mesh.Value! }).Should().BeEmpty();
    }

    [Fact]
    public void Tracing_through_a_lightstep_provider_is_deprecated()
    {
        var mesh = MeshConfigLoader.Load("""
            extensionProviders:
            - name: ls
              lightstep: {service: lightstep.monitoring.svc.cluster.local, port: 443, accessToken: t}
            - name: otel
              opentelemetry: {service: otel.monitoring.svc.cluster.local, port: 4317}
            """, "mesh.yaml");
        mesh.Errors.Should().BeEmpty();
        var options = AnalysisOptions.Default with { Mesh = mesh.Value! };
        AnalyzerKit.Analyze("telemetry.LightstepAnalyzer",
            Telemetry("istio-system", "old", "  tracing: [{providers: [{name: ls}]}]")
            + Telemetry("istio-system", "new", "  tracing: [{providers: [{name: otel}]}]"), options).Lines().Should().Equal(
            "IST0002 Telemetry istio-system/old: Deprecated: The Lightstep provider ls is deprecated, please migrate to OpenTelemetry provider.");
    }
}
