using System.Text.Json.Nodes;
using Weft.Testing;

namespace Weft.Integration.Tests.Workloads;

/// <summary>
/// <c>weft workload run --isolation netns</c>: two "VMs" as network namespaces with their own
/// addresses on a bridge, each with a sidecar in transparent mode (istio-iptables' rules,
/// SO_ORIGINAL_DST, the DNS proxy on 15053). An unmodified curl in one (no proxy variables)
/// reaches the other's app by its service name (both resolve it to the cluster IP weftd gave the
/// Service) through both sidecars, over mutual TLS, and
/// stopping the workloads leaves no namespace, veth, bridge, resolv.conf or address record
/// behind. Needs root, iproute2, iptables and setpriv; skips saying which is missing.
/// </summary>
public sealed class NetnsIsolationTests
{

    [Fact]
    public async Task An_unmodified_curl_in_one_namespace_reaches_the_app_in_another_through_both_sidecars_and_stop_leaves_nothing_behind()
    {
        if (await NetnsSupport.WhyUnavailableAsync(("curl", "curl")) is { } why)
            Assert.Skip(why);
        var ct = TestContext.Current.CancellationToken;
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart(), ct);
        var discovery = weftd.DiscoveryAddress;
        await using var weft = new WeftCli();
        weft.Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        string[] names = ["cars-vm", "client-vm"];
        try
        {
            await weft.MustAsync("apply", "-f", weft.Files.Write("cars.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: cars, namespace: netvm}
                spec:
                  selector: {app: cars}
                  ports:
                  - {name: http, port: 8000}
                """));
            string[] common = ["-n", "netvm", "--isolation", "netns", "--discovery-address", discovery, "--detach"];
            await weft.MustAsync(["workload", "run", "cars-vm", "--labels", "app=cars,version=v1", "--service-account", "cars", "--port", "8000", "--env", "CURRENT_VERSION=v1", .. common, "--", "weft-samples", "cars"]);
            await weft.MustAsync(["workload", "run", "client-vm", "--labels", "app=client", "--service-account", "client", .. common, "--", "sleep", "600"]);
            var cars = await AddressAsync(weft, "cars-vm");
            var client = await AddressAsync(weft, "client-vm");
            cars.Should().StartWith("10.250.");
            client.Should().StartWith("10.250.");
            (await Run.CommandAsync("ip", ["netns", "list"])).StdOut.Should().Contain("weft-netvm-cars-vm").And.Contain("weft-netvm-client-vm");
            var rules = (await Run.CommandAsync("ip", ["netns", "exec", "weft-netvm-client-vm", "iptables", "-t", "nat", "-S"])).StdOut;
            rules.Should().Contain("-A OUTPUT -j ISTIO_OUTPUT").And.Contain("-A ISTIO_OUTPUT -m owner --gid-owner 1337 -j RETURN")
                .And.Contain("-A ISTIO_REDIRECT -p tcp -j REDIRECT --to-ports 15001").And.Contain("-A ISTIO_IN_REDIRECT -p tcp -j REDIRECT --to-ports 15006")
                .And.Contain("-A ISTIO_OUTPUT -p udp -m udp --dport 53 -j REDIRECT --to-ports 15053");

            // weftd gave the Service a cluster IP, and both VMs' DNS proxies answer it for every form of its name.
            var service = JsonNode.Parse(await Poll.UntilAsync(async () => (await weft.MustAsync("get", "service", "cars", "-n", "netvm", "-o", "json")).StdOut,
                s => s.Contains("\"clusterIP\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30), ct))!;
            var clusterIP = service["spec"]!["clusterIP"]!.GetValue<string>();
            clusterIP.Should().StartWith("10.96.");
            foreach (var (vm, name) in new[] { ("client-vm", "cars.netvm"), ("client-vm", "cars.netvm.svc.cluster.local"), ("cars-vm", "cars.netvm.svc.cluster.local"), ("cars-vm", "cars") })
            {
                var dns = await Poll.UntilAsync(async () => (await Run.CommandAsync("ip", ["netns", "exec", $"weft-netvm-{vm}", "getent", "hosts", name])).StdOut,
                    s => s.StartsWith(clusterIP + " ", StringComparison.Ordinal), TimeSpan.FromSeconds(60), ct);
                dns.Should().StartWith(clusterIP + " ", $"{vm} resolves {name} to the Service's one cluster IP");
            }

            // An unmodified curl: no HTTP_PROXY, the name resolved by the DNS proxy, the connection
            // redirected to the client's sidecar (15001), mTLS to the cars sidecar (inbound via 15006), then the app.
            var answer = await Poll.UntilAsync(async () => (await weft.RunAsync("workload", "exec", "client-vm", "-n", "netvm", "--", "curl", "-s", "-i", "-m", "15", "http://cars.netvm:8000/cars/London")).StdOut,
                s => s.StartsWith("HTTP/1.1 200", StringComparison.Ordinal), TimeSpan.FromSeconds(90), ct);
            answer.Should().StartWith("HTTP/1.1 200").And.Contain("x-weft-sample: cars/v1").And.Contain("Server: weft");
            // By its cluster IP too, as a Kubernetes client may call it: the sidecar maps it to the service and routes on it.
            var byAddress = (await weft.RunAsync("workload", "exec", "client-vm", "-n", "netvm", "--", "curl", "-s", "-i", "-m", "15", $"http://{clusterIP}:8000/cars/London")).StdOut;
            byAddress.Should().StartWith("HTTP/1.1 200").And.Contain("x-weft-sample: cars/v1");
            (await weft.RunAsync("workload", "exec", "client-vm", "-n", "netvm", "--", "sh", "-c", "echo \"[${HTTP_PROXY-}${http_proxy-}] $(ip -4 -o addr show eth0 | awk '{print $4}')\"")).StdOut.Trim()
                .Should().Be($"[] {client}/16", "the command runs inside the namespace, with no proxy settings");

            // Both sidecars saw the call, and the server's knows the caller's identity from mutual TLS.
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
            var server = await http.GetStringAsync(new Uri($"http://{cars}:15090/stats/prometheus"), ct);
            server.Split('\n').Should().Contain(l => l.StartsWith("istio_requests_total{", StringComparison.Ordinal)
                && l.Contains("reporter=\"destination\"", StringComparison.Ordinal)
                && l.Contains("source_principal=\"spiffe://cluster.local/ns/netvm/sa/client\"", StringComparison.Ordinal)
                && l.Contains("connection_security_policy=\"mutual_tls\"", StringComparison.Ordinal) && l.Contains("response_code=\"200\"", StringComparison.Ordinal));
            var source = await http.GetStringAsync(new Uri($"http://{client}:15090/stats/prometheus"), ct);
            source.Split('\n').Should().Contain(l => l.StartsWith("istio_requests_total{", StringComparison.Ordinal)
                && l.Contains("reporter=\"source\"", StringComparison.Ordinal) && l.Contains("destination_service=\"cars.netvm.svc.cluster.local\"", StringComparison.Ordinal)
                && l.Contains("response_code=\"200\"", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var name in names)
                await weft.RunAsync("workload", "stop", name, "-n", "netvm");
            (await HomeProcesses.WaitForNoneAsync(weft.Home, TimeSpan.FromSeconds(30))).Should().BeEmpty();
            await CleanUpAsync();
        }
    }

    /// <summary>After stop: no namespace, veth, bridge, resolv.conf or address record is left.</summary>
    private static async Task CleanUpAsync()
    {
        var left = new List<string>();
        foreach (var ns in (await Run.CommandAsync("ip", ["netns", "list"])).StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            if (ns.StartsWith("weft-netvm-", StringComparison.Ordinal))
            {
                left.Add($"namespace {ns}");
                await Run.CommandAsync("ip", ["netns", "del", ns.Split(' ')[0]]);
            }
        foreach (var link in Directory.GetDirectories("/sys/class/net").Select(d => Path.GetFileName(d)))
            if (link!.StartsWith("wv", StringComparison.Ordinal) || link == "weft0")
            {
                left.Add($"link {link}");
                await Run.CommandAsync("ip", ["link", "del", link]);
            }
        foreach (var dir in Directory.Exists("/etc/netns") ? Directory.GetDirectories("/etc/netns", "weft-netvm-*") : [])
        {
            left.Add($"resolv.conf folder {dir}");
            Directory.Delete(dir, recursive: true);
        }
        left.Should().BeEmpty("stopping the workloads removes their namespaces, veths, the bridge and their resolv.conf");
    }

    private static async Task<string> AddressAsync(WeftCli weft, string name) =>
        JsonNode.Parse((await weft.MustAsync("get", "we", name, "-n", "netvm", "-o", "json")).StdOut)!["spec"]!["address"]!.GetValue<string>();
}
