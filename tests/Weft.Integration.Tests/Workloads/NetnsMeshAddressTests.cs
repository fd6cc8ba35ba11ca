using System.Text.Json.Nodes;
using Weft.Testing;

namespace Weft.Integration.Tests.Workloads;

/// <summary>Runs alone, after the parallel tests: it adds veths to the shared bridge that other netns tests count.</summary>
[CollectionDefinition(nameof(NetnsAlone), DisableParallelization = true)]
public sealed class NetnsAlone;

/// <summary>
/// Two "VMs" as network namespaces (<c>weft workload run --isolation netns</c>): weftd allocates a
/// ServiceEntry without addresses one mesh-wide address (stored in its <c>status.addresses</c>),
/// and both sidecars' DNS proxies answer it; one workload's <c>traffic.sidecar.istio.io/*</c>
/// annotations shape its nat rules as istio-iptables would. Needs root, iproute2, iptables and
/// setpriv; skips saying which is missing.
/// </summary>
[Collection(nameof(NetnsAlone))]
public sealed class NetnsMeshAddressTests
{
    private const string Ns = "netaddr";

    [Fact]
    public async Task Two_sidecars_resolve_a_service_entry_host_to_the_one_address_weftd_allocated_and_annotations_shape_the_rules()
    {
        if (await NetnsSupport.WhyUnavailableAsync() is { } why)
            Assert.Skip(why);
        var ct = TestContext.Current.CancellationToken;
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart(), ct);
        await using var weft = new WeftCli();
        weft.Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        string[] names = ["one-vm", "two-vm"];
        try
        {
            await weft.MustAsync("apply", "-f", weft.Files.Write("entries.yaml", $$"""
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: payments, namespace: {{Ns}}}
                spec:
                  hosts: [payments.external.test]
                  ports: [{number: 443, name: tls, protocol: TLS}]
                  resolution: DNS
                  endpoints: [{address: 192.0.2.10}]
                """));
            var allocated = await Poll.UntilAsync(async () => (await weft.RunAsync("get", "serviceentry", "payments", "-n", Ns, "-o", "json")).StdOut,
                s => s.Contains("240.240.", StringComparison.Ordinal), TimeSpan.FromSeconds(30), ct);
            var status = JsonNode.Parse(allocated)!["status"]!["addresses"]!.AsArray().Single()!;
            status["host"]!.GetValue<string>().Should().Be("payments.external.test");
            var address = status["value"]!.GetValue<string>();
            address.Should().StartWith("240.240.");

            string[] common = ["-n", Ns, "--isolation", "netns", "--discovery-address", weftd.DiscoveryAddress, "--detach"];
            await weft.MustAsync(["workload", "run", "one-vm", "--labels", "app=one", .. common, "--", "sleep", "600"]);
            await weft.MustAsync(["workload", "run", "two-vm", "--labels", "app=two",
                "--annotation", "traffic.sidecar.istio.io/excludeOutboundPorts=5432,6379",
                "--annotation", "traffic.sidecar.istio.io/includeInboundPorts=", .. common, "--", "sleep", "600"]);

            foreach (var name in names)
            {
                var dns = await Poll.UntilAsync(async () => (await Run.CommandAsync("ip", ["netns", "exec", $"weft-{Ns}-{name}", "getent", "hosts", "payments.external.test"])).StdOut,
                    s => s.StartsWith(address + " ", StringComparison.Ordinal), TimeSpan.FromSeconds(60), ct);
                dns.Should().StartWith(address + " ", $"{name}'s DNS proxy answers weftd's address for the entry");
            }

            var rules = (await Run.CommandAsync("ip", ["netns", "exec", $"weft-{Ns}-two-vm", "iptables", "-t", "nat", "-S"])).StdOut;
            rules.Should().Contain("-A ISTIO_OUTPUT -p tcp -m tcp --dport 5432 -j RETURN").And.Contain("-A ISTIO_OUTPUT -p tcp -m tcp --dport 6379 -j RETURN")
                .And.Contain("-A ISTIO_OUTPUT -p tcp -j ISTIO_REDIRECT").And.NotContain("-A PREROUTING -p tcp -j ISTIO_INBOUND");
            var entry = JsonNode.Parse((await weft.MustAsync("get", "we", "two-vm", "-n", Ns, "-o", "json")).StdOut)!;
            entry["metadata"]!["annotations"]!["traffic.sidecar.istio.io/excludeOutboundPorts"]!.GetValue<string>().Should().Be("5432,6379");
        }
        finally
        {
            foreach (var name in names)
                await weft.RunAsync("workload", "stop", name, "-n", Ns);
            (await HomeProcesses.WaitForNoneAsync(weft.Home, TimeSpan.FromSeconds(30))).Should().BeEmpty();
        }
    }
}
