using Weft.Integration.Tests.Workloads;
using Weft.Testing;

namespace Weft.Integration.Tests.Egress;

/// <summary>
/// A ServiceEntry whose <c>addresses</c> is a CIDR range, reached the way a VM reaches it: an
/// unmodified curl in a network namespace (<c>weft workload run --isolation netns</c>, transparent
/// interception) connects to an IP inside the range; istio-iptables' rules hand the connection to
/// the sidecar, whose outbound listener matches the original destination against the range and
/// relays to the entry's endpoint. Under REGISTRY_ONLY an IP outside every range gets nowhere.
/// Needs root, iproute2, iptables, setpriv and curl; skips saying which is missing.
/// </summary>
[Collection(nameof(NetnsAlone))]
public sealed class AddressRangeNetnsTests
{
    private const string Ns = "netcidr";

    [Fact]
    public async Task An_intercepted_connection_to_an_ip_in_a_cidr_range_reaches_the_entrys_endpoint_and_one_outside_every_range_is_refused()
    {
        if (await NetnsSupport.WhyUnavailableAsync(("curl", "curl")) is { } why)
            Assert.Skip(why);
        var ct = TestContext.Current.CancellationToken;
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart(), ct);
        await using var weft = new WeftCli();
        weft.Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        HttpBackend? database = null;
        try
        {
            await weft.MustAsync(["workload", "run", "client-vm", "--labels", "app=client", "-n", Ns, "--isolation", "netns",
                "--discovery-address", weftd.DiscoveryAddress, "--detach", "--", "sleep", "600"]);
            // The "external" database listens on the bridge's address in the root namespace, which the
            // VM reaches through its default route; 192.0.2.0/24 (TEST-NET-1) is routed nowhere.
            database = HttpBackend.Start("database", "10.250.0.1", 0);
            await weft.MustAsync("apply", "-f", weft.Files.Write("ranges.yaml", $$"""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: istio, namespace: istio-system}
                data:
                  mesh: |
                    outboundTrafficPolicy:
                      mode: REGISTRY_ONLY
                ---
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: database, namespace: {{Ns}}}
                spec:
                  hosts: [database.external.test]
                  addresses: [192.0.2.0/24]
                  ports: [{number: 7000, name: tcp, protocol: TCP, targetPort: {{database.Port}}}]
                  location: MESH_EXTERNAL
                  resolution: STATIC
                  endpoints: [{address: 10.250.0.1}]
                """));

            string[] curl = ["netns", "exec", $"weft-{Ns}-client-vm", "curl", "-s", "-i", "--max-time", "5"];
            var inside = await Poll.UntilAsync(() => Run.CommandAsync("ip", [.. curl, "http://192.0.2.7:7000/orders"]),
                r => r.StdOut.Contains("HTTP/1.1 200", StringComparison.Ordinal), TimeSpan.FromSeconds(60), ct);
            inside.StdOut.Should().Contain("HTTP/1.1 200").And.EndWith("database");
            database.Heads.Last().Should().StartWith("GET /orders HTTP/1.1").And.Contain("Host: 192.0.2.7:7000",
                "the bytes the VM addressed to the range reached the entry's endpoint unchanged");

            var served = database.Requests;
            var outside = await Run.CommandAsync("ip", [.. curl, "http://198.51.100.7:7000/orders"]);
            outside.ExitCode.Should().NotBe(0, "an IP no entry's range holds is not registered under REGISTRY_ONLY: {0}", outside.Output);
            outside.StdOut.Should().BeEmpty();
            database.Requests.Should().Be(served);
        }
        finally
        {
            await weft.RunAsync("workload", "stop", "client-vm", "-n", Ns);
            (await HomeProcesses.WaitForNoneAsync(weft.Home, TimeSpan.FromSeconds(30))).Should().BeEmpty();
            if (database is not null)
                await database.DisposeAsync();
        }
    }
}
