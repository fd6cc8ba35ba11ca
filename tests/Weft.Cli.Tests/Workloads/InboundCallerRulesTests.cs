using Weft.Cli.Workloads;

namespace Weft.Cli.Tests.Workloads;

/// <summary>
/// What keeps the caller's address on a netns workload's inbound traffic: the sidecar's own ports
/// are never sent through the 15006 relay, and the relay's connections to the app are marked so
/// the app's replies come back to it (Istio's TPROXY routing: mark 1337, table 133).
/// </summary>
public sealed class InboundCallerRulesTests
{
    private static List<string> Inbound(InterceptionSettings settings, params int[] sidecarPorts) =>
        [.. NetnsSandbox.InterceptionRules("10.250.0.5", settings, sidecarPorts).Select(r => string.Join(' ', r))
            .Where(r => r.Contains("ISTIO_INBOUND", StringComparison.Ordinal) && !r.Contains("-N ", StringComparison.Ordinal))];

    [Fact]
    public void The_sidecars_service_ports_return_before_every_inbound_redirect()
    {
        Inbound(InterceptionSettings.Default, 8000, 9080).Should().StartWith([
            "-t nat -A PREROUTING -p tcp -j ISTIO_INBOUND",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 8000 -j RETURN",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 9080 -j RETURN",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 15000 -j RETURN"]).And.EndWith("-t nat -A ISTIO_INBOUND -p tcp -j ISTIO_IN_REDIRECT");
    }

    [Fact]
    public void A_service_port_listed_in_include_inbound_ports_is_still_reached_directly()
    {
        Inbound(InterceptionSettings.Default with { InboundPorts = [8000, 9100] }, 8000).Should().Equal(
            "-t nat -A PREROUTING -p tcp -j ISTIO_INBOUND",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 8000 -j RETURN",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 8000 -j ISTIO_IN_REDIRECT",
            "-t nat -A ISTIO_INBOUND -p tcp --dport 9100 -j ISTIO_IN_REDIRECT");
    }

    [Fact]
    public void The_relays_mark_is_saved_on_its_connections_and_restored_on_the_apps_replies()
    {
        NetnsSandbox.OriginalSourceRules().Select(r => string.Join(' ', r)).Should().Equal(
            "-t mangle -A OUTPUT -p tcp -m mark --mark 1337 -j CONNMARK --save-mark",
            "-t mangle -A OUTPUT -p tcp -m connmark --mark 1337 -j CONNMARK --restore-mark");
    }
}
