namespace Weft.Integration.Tests.Egress;

/// <summary>
/// Istio's "Accessing External Services" task: with ALLOW_ANY (the default) a sidecar passes
/// calls to hosts it does not know through (PassthroughCluster); with the istio ConfigMap's
/// <c>outboundTrafficPolicy.mode: REGISTRY_ONLY</c> it refuses them (502 naming the host, NC,
/// BlackHoleCluster in its metrics; a TCP tunnel is closed) until a ServiceEntry registers the
/// host; a Sidecar resource's own policy overrides the mesh's for its namespace.
/// </summary>
public sealed class OutboundTrafficPolicyTests
{
    [Fact]
    public async Task Unregistered_hosts_pass_under_ALLOW_ANY_and_get_a_502_naming_them_under_REGISTRY_ONLY()
    {
        await using var mesh = await EgressMesh.StartAsync();
        var external = Weft.Testing.Net.UniqueLoopback();
        var outside = mesh.Server("outside", external, 8080);
        var url = $"http://{external}:8080/status/200";

        var passed = await mesh.CurlUntilAsync(url, r => r.StdOut.Contains(" 200 ", StringComparison.Ordinal), "ALLOW_ANY to pass the unregistered host through");
        passed.StdOut.Should().Contain("outside client=");

        await mesh.OutboundPolicyAsync("REGISTRY_ONLY");
        var blocked = await mesh.CurlUntilAsync(url, r => r.StdOut.StartsWith("HTTP/1.1 502", StringComparison.Ordinal), "REGISTRY_ONLY to refuse the unregistered host");
        blocked.StdOut.Should().EndWith($"no route to \"{external}:8080\": it is not a registered service and the outbound traffic policy is REGISTRY_ONLY (BlackHoleCluster); a ServiceEntry for it makes it reachable");

        var served = outside.Requests.Count;
        var tunnel = await mesh.CurlAsync(url, "--proxytunnel");
        tunnel.StdOut.Should().NotContain("outside client=", "a TCP tunnel to an unregistered host is closed, not relayed");
        outside.Requests.Count.Should().Be(served);

        var metrics = await mesh.MetricsAsync();
        metrics.Split('\n').Should().Contain(l => l.StartsWith("istio_requests_total{", StringComparison.Ordinal)
            && l.Contains("destination_service=\"BlackHoleCluster\"", StringComparison.Ordinal)
            && l.Contains("destination_service_name=\"BlackHoleCluster\"", StringComparison.Ordinal)
            && l.Contains("response_code=\"502\"", StringComparison.Ordinal)
            && l.Contains("response_flags=\"NC\"", StringComparison.Ordinal), "the blocked call is counted against the BlackHoleCluster:\n" + metrics);

        // Registering the host makes it reachable again, by the name the ServiceEntry gives it.
        await mesh.ApplyAsync("se.yaml", $$$"""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: outside, namespace: default}
            spec:
              hosts: [api.outside.test]
              location: MESH_EXTERNAL
              ports: [{number: 8080, name: http, protocol: HTTP}]
              resolution: STATIC
              endpoints: [{address: {{{external}}}}]
            """);
        var registered = await mesh.CurlUntilAsync("http://api.outside.test:8080/get", r => r.StdOut.Contains(" 200 ", StringComparison.Ordinal), "the ServiceEntry to make api.outside.test reachable");
        registered.StdOut.Should().Contain("outside client=");
        outside.Requests.Last().Head.Should().Contain("Host: api.outside.test:8080");
        (await mesh.CurlAsync(url)).StdOut.Should().StartWith("HTTP/1.1 502", "the address itself is still not registered");

        // A Sidecar resource's outboundTrafficPolicy overrides the mesh's for its namespace.
        await mesh.ApplyAsync("sidecar.yaml", """
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: default, namespace: default}
            spec:
              outboundTrafficPolicy: {mode: ALLOW_ANY}
            """);
        var again = await mesh.CurlUntilAsync(url, r => r.StdOut.Contains(" 200 ", StringComparison.Ordinal), "the Sidecar's ALLOW_ANY to override the mesh's REGISTRY_ONLY");
        again.StdOut.Should().Contain("outside client=");
    }
}
