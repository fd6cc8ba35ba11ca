using Weft.Api.Mesh;
using Weft.Api.Model.Mesh;
using Weft.Testing;

namespace Weft.Api.Tests.Mesh;

/// <summary>The MeshConfig and MeshNetworks documents of Istio's analyzer test data load, with Istio's defaults applied.</summary>
public class MeshConfigCorpusTests
{
    public static TheoryData<string> MeshConfigs() =>
    [
        "istio/analyzers/testdata/common/meshconfig.yaml",
        "istio/analyzers/testdata/mesh-with-automtls.yaml",
        "istio/analyzers/testdata/serviceentry-address-allocated-mesh-cfg.yaml",
        "istio/analyzers/testdata/serviceentry-missing-addresses-protocol-mesh-cfg.yaml",
        "istio/analyzers/testdata/telemetry-lightstep-meshconfig.yaml",
    ];

    [Theory]
    [MemberData(nameof(MeshConfigs))]
    public void Every_mesh_config_of_the_corpus_loads(string file)
    {
        var result = MeshConfigLoader.LoadFile(Repo.RequireCorpus(file));
        result.Errors.Select(e => e.ToString()).Should().BeEmpty();
        var mesh = result.Value!;
        mesh.TrustDomain.Should().Be("cluster.local");
        mesh.RootNamespace.Should().Be("istio-system");
        mesh.DefaultConfig!.DiscoveryAddress.Should().Be("istiod.istio-system.svc:15012");
    }

    [Fact]
    public void The_proxy_image_of_the_common_mesh_config_is_read()
    {
        var mesh = MeshConfigLoader.LoadFile(Repo.RequireCorpus("istio/analyzers/testdata/common/meshconfig.yaml")).Value!;
        mesh.DefaultConfig!.Image!.ImageType.Should().Be("distroless");
        mesh.DefaultConfig.ConfigPath.Should().Be("./etc/istio/proxy", "the rest of defaultConfig keeps its defaults");
    }

    [Fact]
    public void Proxy_metadata_for_dns_capture_is_read()
    {
        var mesh = MeshConfigLoader.LoadFile(Repo.RequireCorpus("istio/analyzers/testdata/serviceentry-missing-addresses-protocol-mesh-cfg.yaml")).Value!;
        mesh.DefaultConfig!.ProxyMetadata.Should().Equal(new Dictionary<string, string>
        {
            ["ISTIO_META_DNS_CAPTURE"] = "true",
            ["ISTIO_META_DNS_AUTO_ALLOCATE"] = "true",
        });
    }

    [Fact]
    public void The_lightstep_provider_joins_the_default_providers()
    {
        var mesh = MeshConfigLoader.LoadFile(Repo.RequireCorpus("istio/analyzers/testdata/telemetry-lightstep-meshconfig.yaml")).Value!;
        mesh.ExtensionProviders!.Select(p => p.Name).Should().Equal("prometheus", "stackdriver", "envoy", "lightstep");
        var lightstep = mesh.ExtensionProviders![3].Lightstep!;
        (lightstep.Service, lightstep.Port, lightstep.AccessToken).Should().Be(("lightstep.monitoring.svc.cluster.local", 443u, "fake-token"));
    }

    [Fact]
    public void Auto_mtls_is_read()
    {
        MeshConfigLoader.LoadFile(Repo.RequireCorpus("istio/analyzers/testdata/mesh-with-automtls.yaml")).Value!.EnableAutoMtls.Should().BeTrue();
    }

    [Fact]
    public void The_mesh_networks_of_the_corpus_load_with_snake_case_names()
    {
        var result = MeshNetworksLoader.LoadFile(Repo.RequireCorpus("istio/analyzers/testdata/common/meshnetworks.yaml"));
        result.Errors.Select(e => e.ToString()).Should().BeEmpty();
        var networks = result.Value!.Networks!;
        networks.Keys.Should().Equal("network1", "network2");
        networks["network2"].Endpoints![0].FromRegistry.Should().Be("istio-testing");
        networks["network1"].Gateways![0].Should().Be(new IstioNetworkGateway
        {
            RegistryServiceName = "istio-ingressgateway.istio-system.svc.cluster.local",
            Port = 443,
        });
    }
}
