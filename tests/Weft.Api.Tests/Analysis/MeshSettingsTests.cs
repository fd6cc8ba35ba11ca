using Weft.Api.Analysis;
using Weft.Api.Loading;

namespace Weft.Api.Tests.Analysis;

public class MeshSettingsTests
{
    [Fact]
    public void The_istio_config_map_among_the_files_sets_the_mesh_config_the_analyzers_read()
    {
        var load = ManifestLoader.Load("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: istio, namespace: istio-system}
            data:
              mesh: |
                rootNamespace: mesh-root
                defaultProviders:
                  accessLogging: [envoy]
            ---
            apiVersion: telemetry.istio.io/v1
            kind: Telemetry
            metadata: {name: logs, namespace: travel-agency}
            spec:
              accessLogging: [{filter: {expression: "response.code >= 400"}}]
            """, "mesh.yaml");
        load.Errors.Should().BeEmpty();

        var (options, problems) = MeshSettings.From(load.Objects);

        problems.Should().BeEmpty();
        options.RootNamespace.Should().Be("mesh-root");
        var inputs = load.Objects.Select(AnalysisInput.From).ToList();
        AnalysisRunner.Run(inputs, options: options with { Only = ["telemetry.ProviderAnalyzer"] }).Should().BeEmpty();
        AnalysisRunner.Run(inputs, options: AnalysisOptions.Default with { Only = ["telemetry.ProviderAnalyzer"] })
            .Select(f => f.Code).Should().Equal("IST0157");
    }

    [Fact]
    public void A_mesh_config_that_does_not_load_is_reported_and_the_defaults_are_kept()
    {
        var load = ManifestLoader.Load("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: istio, namespace: istio-system}
            data:
              mesh: "rootNamespace: [not, a, string]"
            """, "mesh.yaml");

        var (options, problems) = MeshSettings.From(load.Objects);

        problems.Should().NotBeEmpty();
        options.RootNamespace.Should().Be("istio-system");
    }

    [Fact]
    public void Objects_without_a_namespace_are_analyzed_in_the_default_one_but_cluster_scoped_ones_stay_as_they_are()
    {
        var load = ManifestLoader.Load("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: cars}
            spec: {hosts: [cars], http: [{route: [{destination: {host: cars}}]}]}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: travel-agency}
            """, "x.yaml");

        load.Objects.Select(o => AnalysisInput.From(o, "travel-agency").Object.Origin)
            .Should().Equal("VirtualService travel-agency/cars", "Namespace travel-agency");
    }
}
