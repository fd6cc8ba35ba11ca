using Weft.Api.Model.Core;
using Weft.ControlPlane.ClusterIPs;
using Weft.ControlPlane.Hosting;
using Weft.ControlPlane.Tests.Translation;

namespace Weft.ControlPlane.Tests.ClusterIPs;

/// <summary>weftd's <c>--service-cluster-ip-range</c>, as kube-apiserver's: the block Services get their cluster IPs from.</summary>
public sealed class ClusterIPRangeTests
{
    private static List<Service> Services(params string[] names) =>
        [.. TranslationFixture.Load(string.Concat(names.Select(n => $"apiVersion: v1\nkind: Service\nmetadata: {{name: {n}, namespace: shop}}\nspec: {{ports: [{{port: 80}}]}}\n---\n")))
            .OfType<Service>().OrderBy(s => s.Metadata.CreationTimestamp, StringComparer.Ordinal)];

    [Fact]
    public void Without_the_option_services_get_addresses_from_kubeadms_10_96_0_0_12()
    {
        var options = WeftdCommandLine.Parse([], "/h").Options!;
        options.ServiceClusterIPRange.ToString().Should().Be("10.96.0.0/12");
    }

    [Fact]
    public void A_given_block_is_used_from_its_third_address_up_to_the_one_before_broadcast_and_a_full_block_leaves_the_rest_without()
    {
        var range = WeftdCommandLine.Parse(["--service-cluster-ip-range", "172.30.9.77/29"], "/h").Options!.ServiceClusterIPRange;
        range.ToString().Should().Be("172.30.9.72/29", "host bits are cleared");

        var plan = ClusterIPPlan.Plan(Services("a", "b", "c", "d", "e", "f"), range);

        plan.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["shop/a"] = "172.30.9.74", ["shop/b"] = "172.30.9.75", ["shop/c"] = "172.30.9.76", ["shop/d"] = "172.30.9.77", ["shop/e"] = "172.30.9.78",
        });
    }

    [Theory]
    [InlineData("10.96.0.0", "--service-cluster-ip-range: \"10.96.0.0\" is not an IPv4 CIDR block (for example 10.96.0.0/12)")]
    [InlineData("fd00::/108", "--service-cluster-ip-range: \"fd00::/108\" is not an IPv4 CIDR block (for example 10.96.0.0/12)")]
    [InlineData("10.0.0.0/8", "--service-cluster-ip-range: \"10.0.0.0/8\" is larger than a /12, the most a Kubernetes API server allows")]
    [InlineData("10.96.0.0/30", "--service-cluster-ip-range: \"10.96.0.0/30\" is smaller than a /29: too few addresses for Services")]
    public void A_block_weftd_cannot_use_is_refused_saying_why(string value, string error) =>
        WeftdCommandLine.Parse(["--service-cluster-ip-range", value], "/h").Errors.Should().Equal(error);
}
