using System.Collections.Immutable;
using Weft.Cli.Workloads;

namespace Weft.Cli.Tests.Workloads;

/// <summary>
/// Istio's <c>traffic.sidecar.istio.io/*</c> annotations shape a netns workload's nat rules as
/// istio-iptables shapes a pod's: which outbound destinations and inbound ports reach the sidecar.
/// </summary>
public sealed class InterceptionAnnotationTests
{
    private static List<string> Rules(params (string Key, string Value)[] annotations)
    {
        var errors = new List<string>();
        var settings = InterceptionSettings.Parse(annotations.ToDictionary(a => a.Key, a => a.Value), errors);
        errors.Should().BeEmpty();
        return [.. NetnsSandbox.InterceptionRules("10.250.0.5", settings).Select(r => string.Join(' ', r))];
    }

    private static List<string> Outbound(List<string> rules) => [.. rules.Where(r => r.StartsWith("-t nat -A ISTIO_OUTPUT", StringComparison.Ordinal)).Skip(5)];

    private static List<string> Inbound(List<string> rules) => [.. rules.Where(r => r.Contains("ISTIO_INBOUND", StringComparison.Ordinal) && !r.Contains("-N ", StringComparison.Ordinal))];

    [Fact]
    public void No_annotations_give_the_default_rules()
    {
        Rules().Should().Equal(NetnsSandbox.InterceptionRules("10.250.0.5").Select(r => string.Join(' ', r)));
        Outbound(Rules()).Should().Equal("-t nat -A ISTIO_OUTPUT -p tcp -j ISTIO_REDIRECT");
    }

    [Fact]
    public void Excluded_outbound_ports_and_ranges_return_before_the_redirect()
    {
        Outbound(Rules((InterceptionSettings.ExcludeOutboundPorts, "5432, 6379"), (InterceptionSettings.ExcludeOutboundIPRanges, "10.96.0.0/12,192.168.1.7"))).Should().Equal(
            "-t nat -A ISTIO_OUTPUT -p tcp --dport 5432 -j RETURN",
            "-t nat -A ISTIO_OUTPUT -p tcp --dport 6379 -j RETURN",
            "-t nat -A ISTIO_OUTPUT -d 10.96.0.0/12 -j RETURN",
            "-t nat -A ISTIO_OUTPUT -d 192.168.1.7/32 -j RETURN",
            "-t nat -A ISTIO_OUTPUT -p tcp -j ISTIO_REDIRECT");
    }

    [Fact]
    public void Included_outbound_ranges_redirect_only_those_destinations_and_an_empty_list_none()
    {
        Outbound(Rules((InterceptionSettings.IncludeOutboundIPRanges, "10.250.0.0/16,240.240.0.0/16"))).Should().Equal(
            "-t nat -A ISTIO_OUTPUT -p tcp -d 10.250.0.0/16 -j ISTIO_REDIRECT",
            "-t nat -A ISTIO_OUTPUT -p tcp -d 240.240.0.0/16 -j ISTIO_REDIRECT");
        Outbound(Rules((InterceptionSettings.IncludeOutboundIPRanges, ""))).Should().BeEmpty();
        Outbound(Rules((InterceptionSettings.IncludeOutboundIPRanges, "*"))).Should().Equal("-t nat -A ISTIO_OUTPUT -p tcp -j ISTIO_REDIRECT");
    }

    [Fact]
    public void Excluded_inbound_ports_are_spared_beside_the_sidecars_own()
    {
        Inbound(Rules((InterceptionSettings.ExcludeInboundPorts, "22"))).Should().Equal(
            "-t nat -A PREROUTING -p tcp -j ISTIO_INBOUND",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 15000 -j RETURN",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 15001 -j RETURN",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 15006 -j RETURN",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 15020 -j RETURN",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 15021 -j RETURN",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 15053 -j RETURN",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 15090 -j RETURN",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 22 -j RETURN",
            "-t nat -A ISTIO_INBOUND -p tcp -j ISTIO_IN_REDIRECT");
    }

    [Fact]
    public void Included_inbound_ports_redirect_only_those_and_an_empty_list_leaves_inbound_alone()
    {
        Inbound(Rules((InterceptionSettings.IncludeInboundPorts, "8000,9080"))).Should().Equal(
            "-t nat -A PREROUTING -p tcp -j ISTIO_INBOUND",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 8000 -j ISTIO_IN_REDIRECT",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 9080 -j ISTIO_IN_REDIRECT");
        Inbound(Rules((InterceptionSettings.IncludeInboundPorts, ""))).Should().BeEmpty();
    }

    [Fact]
    public void Malformed_values_are_each_reported_with_their_annotation()
    {
        var spec = new WorkloadSpec
        {
            Name = "db-client",
            Namespace = "shop",
            Command = ["sleep", "1"],
            Annotations = new Dictionary<string, string>
            {
                [InterceptionSettings.ExcludeOutboundPorts] = "5432,http",
                [InterceptionSettings.IncludeOutboundIPRanges] = "10.0.0.0/33,example.com",
                [InterceptionSettings.ExcludeInboundPorts] = "70000",
            }.ToImmutableSortedDictionary(StringComparer.Ordinal),
        };

        spec.Validate().Should().Equal(
            "annotation traffic.sidecar.istio.io/includeOutboundIPRanges: \"10.0.0.0/33\" is not an IPv4 address or CIDR range (expected ADDR or ADDR/0-32, as in 10.0.0.0/8)",
            "annotation traffic.sidecar.istio.io/includeOutboundIPRanges: \"example.com\" is not an IPv4 address or CIDR range (expected ADDR or ADDR/0-32, as in 10.0.0.0/8)",
            "annotation traffic.sidecar.istio.io/excludeOutboundPorts: \"http\" is not a port (expected 1 to 65535)",
            "annotation traffic.sidecar.istio.io/excludeInboundPorts: \"70000\" is not a port (expected 1 to 65535)");
    }
}
