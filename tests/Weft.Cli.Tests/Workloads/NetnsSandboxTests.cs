using Weft.Cli.Workloads;

namespace Weft.Cli.Tests.Workloads;

public class NetnsSandboxTests
{
    private static WorkloadSpec Spec => new() { Name = "cars-vm", Namespace = "travel-agency", Command = ["weft-samples", "cars"], Ports = [8000] };

    [Fact]
    public void Netns_isolation_needs_a_sidecar_and_an_unknown_isolation_is_named()
    {
        (Spec with { Isolation = "netns" }).Validate().Should().BeEmpty();
        (Spec with { Isolation = "netns", Sidecar = false }).Validate().Should().Equal(
            "--isolation netns needs a sidecar (its iptables rules send all traffic to it); drop --sidecar=false");
        (Spec with { Isolation = "vm" }).Validate().Should().Equal("isolation \"vm\" is invalid: expected one of loopback, netns");
    }

    [Fact]
    public void The_rules_are_istio_iptables_nat_rules_that_spare_the_sidecars_group_and_its_own_ports()
    {
        var rules = NetnsSandbox.InterceptionRules("10.250.0.5").Select(r => string.Join(' ', r)).ToList();
        rules.Should().Equal(
            "-t nat -N ISTIO_INBOUND",
            "-t nat -N ISTIO_IN_REDIRECT",
            "-t nat -N ISTIO_OUTPUT",
            "-t nat -N ISTIO_REDIRECT",
            "-t nat -A ISTIO_REDIRECT -p tcp -j REDIRECT --to-ports 15001",
            "-t nat -A ISTIO_IN_REDIRECT -p tcp -j REDIRECT --to-ports 15006",
            "-t nat -A PREROUTING -p tcp -j ISTIO_INBOUND",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 15000 -j RETURN",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 15001 -j RETURN",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 15006 -j RETURN",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 15020 -j RETURN",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 15021 -j RETURN",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 15053 -j RETURN",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 15090 -j RETURN",
            "-t nat -A ISTIO_INBOUND -p tcp -j ISTIO_IN_REDIRECT",
            "-t nat -A OUTPUT -j ISTIO_OUTPUT",
            "-t nat -A ISTIO_OUTPUT -m owner --gid-owner 1337 -j RETURN",
            "-t nat -A ISTIO_OUTPUT -p udp --dport 53 -j REDIRECT --to-ports 15053",
            "-t nat -A ISTIO_OUTPUT -p tcp --dport 53 -j REDIRECT --to-ports 15053",
            "-t nat -A ISTIO_OUTPUT -o lo -j RETURN",
            "-t nat -A ISTIO_OUTPUT -d 10.250.0.5/32 -j RETURN",
            "-t nat -A ISTIO_OUTPUT -p tcp -j ISTIO_REDIRECT");
    }

    [Fact]
    public void Veth_names_fit_the_kernels_fifteen_characters_and_differ_per_workload()
    {
        var a = NetnsSandbox.VethOf("travel-agency/cars-vm");
        var b = NetnsSandbox.VethOf("travel-agency/cars-vm-v2");
        (a + "n").Length.Should().BeLessThanOrEqualTo(15);
        a.Should().StartWith("wv").And.NotBe(b);
        NetnsSandbox.NamespaceOf("travel-agency", "cars-vm").Should().Be("weft-travel-agency-cars-vm");
    }
}
