using Weft.Api.Kinds;
using Weft.Api.Loading;

namespace Weft.Api.Tests.GatewayApi;

public class GatewayApiKindsTests
{
    [Theory]
    [InlineData("gc", "GatewayClass")]
    [InlineData("gtw", "Gateway")]
    [InlineData("httproute", "HTTPRoute")]
    [InlineData("grpcroutes", "GRPCRoute")]
    [InlineData("refgrant", "ReferenceGrant")]
    [InlineData("tcproutes", "TCPRoute")]
    [InlineData("TLSRoute", "TLSRoute")]
    [InlineData("udproute", "UDPRoute")]
    [InlineData("btlspolicy", "BackendTLSPolicy")]
    [InlineData("lset", "ListenerSet")]
    [InlineData("gateways.gateway.networking.k8s.io", "Gateway")]
    public void Kubectl_names_find_gateway_api_kinds(string name, string kind)
    {
        var found = KindRegistry.Default.FindByName(name);
        found.Should().ContainSingle(k => k.Group == "gateway.networking.k8s.io").Which.Kind.Should().Be(kind);
    }

    [Fact]
    public void Gateway_by_itself_names_istio_first_and_the_gateway_api_second()
    {
        KindRegistry.Default.FindByName("gateway").Select(k => k.Group)
            .Should().Equal("networking.istio.io", "gateway.networking.k8s.io");
    }

    [Fact]
    public void Gateway_classes_are_cluster_scoped_and_routes_namespaced()
    {
        KindRegistry.Default.Find("gateway.networking.k8s.io", "GatewayClass")!.Namespaced.Should().BeFalse();
        KindRegistry.Default.Find("gateway.networking.k8s.io", "HTTPRoute")!.Namespaced.Should().BeTrue();
        KindRegistry.Default.Find("gateway.networking.k8s.io", "ReferenceGrant")!.PreferredApiVersion.Should().Be("gateway.networking.k8s.io/v1");
    }

    [Fact]
    public void A_version_the_api_never_had_is_refused_with_the_ones_it_has()
    {
        var load = ManifestLoader.Load("apiVersion: gateway.networking.k8s.io/v1alpha1\nkind: HTTPRoute\nmetadata: {name: r}\nspec: {}\n", "t.yaml");
        load.Errors.Select(e => e.Message).Should().Equal(
            "apiVersion: Unsupported value: \"gateway.networking.k8s.io/v1alpha1\": supported values: \"gateway.networking.k8s.io/v1\", \"gateway.networking.k8s.io/v1beta1\"");
    }

    [Fact]
    public void A_misspelled_kind_in_the_group_names_the_closest_one()
    {
        var load = ManifestLoader.Load("apiVersion: gateway.networking.k8s.io/v1\nkind: HttpRoute\nmetadata: {name: r}\n", "t.yaml");
        load.Errors.Select(e => e.Message).Should().Equal(
            "kind: Unsupported value: \"HttpRoute\": no kind \"HttpRoute\" in gateway.networking.k8s.io/v1; did you mean \"HTTPRoute\"?");
    }

    [Fact]
    public void An_unknown_field_names_the_closest_known_one_and_its_line()
    {
        var load = ManifestLoader.Load("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec:\n  parentRef: [{name: gw}]\n", "t.yaml");
        load.Errors.Should().ContainSingle().Which.ToString().Should().Be(
            "t.yaml:5:3: document 1 (HTTPRoute r): spec.parentRef: unknown field \"parentRef\"; did you mean \"parentRefs\"?");
    }
}
