namespace Weft.Integration.Tests.Egress;

/// <summary>
/// ServiceEntries for external hosts under REGISTRY_ONLY, as Istio resolves them: STATIC goes to
/// the listed endpoints, DNS to the endpoints' names as resolved by the proxy, NONE to wherever
/// the client was going; exportTo hides an entry from the namespaces it does not name.
/// </summary>
public sealed class ServiceEntryTests
{
    [Fact]
    public async Task External_hosts_are_reachable_by_each_resolution_and_only_where_they_are_exported()
    {
        await using var mesh = await EgressMesh.StartAsync();
        await mesh.OutboundPolicyAsync("REGISTRY_ONLY");
        var staticAddress = Weft.Testing.Net.UniqueLoopback();
        var hidden = Weft.Testing.Net.UniqueLoopback();
        mesh.Server("static", staticAddress, 80);
        mesh.Server("hidden", hidden, 80);
        // "localhost" is a name the proxy resolves itself: DNS resolution, and NONE's original destination.
        var dnsPort = Weft.Testing.Net.FreePort();
        mesh.Server("dns", "127.0.0.1", dnsPort);
        var nonePort = Weft.Testing.Net.FreePort();
        mesh.Server("none", "127.0.0.1", nonePort);
        await mesh.ApplyAsync("entries.yaml", $$$"""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: static-api, namespace: default}
            spec:
              hosts: [static.example.test]
              addresses: [240.0.0.10]
              location: MESH_EXTERNAL
              ports: [{number: 80, name: http, protocol: HTTP}]
              resolution: STATIC
              endpoints: [{address: {{{staticAddress}}}}]
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: dns-api, namespace: default}
            spec:
              hosts: [dns.example.test]
              location: MESH_EXTERNAL
              ports: [{number: 80, name: http, protocol: HTTP}]
              resolution: DNS
              endpoints: [{address: localhost, ports: {http: {{{dnsPort}}}}}]
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: original-destination, namespace: default}
            spec:
              hosts: [localhost]
              location: MESH_EXTERNAL
              ports: [{number: {{{nonePort}}}, name: http, protocol: HTTP}]
              resolution: NONE
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: hidden, namespace: other}
            spec:
              hosts: [hidden.example.test]
              exportTo: ["."]
              location: MESH_EXTERNAL
              ports: [{number: 80, name: http, protocol: HTTP}]
              resolution: STATIC
              endpoints: [{address: {{{hidden}}}}]
            """);

        (await mesh.CurlUntilAsync("http://static.example.test/", r => r.StdOut.Contains(" 200 ", StringComparison.Ordinal), "STATIC resolution"))
            .StdOut.Should().Contain("static client=");
        (await mesh.CurlAsync("http://240.0.0.10/")).StdOut.Should().Contain("static client=", "the entry's address is one of its names");
        (await mesh.CurlUntilAsync("http://dns.example.test/", r => r.StdOut.Contains(" 200 ", StringComparison.Ordinal), "DNS resolution"))
            .StdOut.Should().Contain("dns client=");
        (await mesh.CurlUntilAsync($"http://localhost:{nonePort}/", r => r.StdOut.Contains(" 200 ", StringComparison.Ordinal), "NONE resolution"))
            .StdOut.Should().Contain("none client=");
        var notExported = await mesh.CurlAsync("http://hidden.example.test/");
        notExported.StdOut.Should().StartWith("HTTP/1.1 502", "an entry exported only to its own namespace is not registered for namespace default");
        mesh.Servers.Single(s => s.Name == "hidden").Requests.Should().BeEmpty();
    }
}
