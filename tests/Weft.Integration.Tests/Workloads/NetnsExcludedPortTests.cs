using System.Globalization;
using System.Text.Json.Nodes;
using Weft.Testing;

namespace Weft.Integration.Tests.Workloads;

/// <summary>
/// <c>traffic.sidecar.istio.io/excludeOutboundPorts</c> really bypasses the sidecar: a call from a
/// network-namespace "VM" to an excluded port reaches a plain server on the host straight from the
/// VM's own address, in plaintext, and the sidecar counts nothing; the same call to a port that is
/// not excluded is counted by the sidecar. Needs root, iproute2, iptables, setpriv and curl.
/// </summary>
[Collection(nameof(NetnsAlone))]
public sealed class NetnsExcludedPortTests
{
    private const string Ns = "netexclude";
    // Below the ephemeral range, where the supervisor's relays on the bridge address take theirs.
    private const int Excluded = 17431;
    private const int Intercepted = 17432;

    [Fact]
    public async Task A_call_to_an_excluded_outbound_port_goes_straight_to_the_server_uncounted_by_the_sidecar()
    {
        if (await NetnsSupport.WhyUnavailableAsync(("curl", "curl")) is { } why)
            Assert.Skip(why);
        var ct = TestContext.Current.CancellationToken;
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart(), ct);
        await using var weft = new WeftCli();
        weft.Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        try
        {
            await weft.MustAsync(["workload", "run", "client-vm", "-n", Ns, "--labels", "app=client", "--isolation", "netns", "--discovery-address", weftd.DiscoveryAddress, "--detach",
                "--annotation", $"traffic.sidecar.istio.io/excludeOutboundPorts={Excluded.ToString(CultureInfo.InvariantCulture)}", "--", "sleep", "600"]);
            var client = JsonNode.Parse((await weft.MustAsync("get", "we", "client-vm", "-n", Ns, "-o", "json")).StdOut)!["spec"]!["address"]!.GetValue<string>();
            // Plain servers on the host's end of the bridge, outside every namespace and sidecar.
            await using var direct = NetnsListener.Start(null, "10.250.0.1", Excluded);
            await using var meshed = NetnsListener.Start(null, "10.250.0.1", Intercepted);
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
            var before = await ConnectionsAsync(http, client, ct);

            var answer = (await weft.MustAsync("workload", "exec", "client-vm", "-n", Ns, "--", "curl", "-s", "-m", "10", $"http://10.250.0.1:{Excluded}/")).StdOut;
            answer.Should().Be($"you are {client}\n", "the server answered plain HTTP to the VM's own address");
            direct.Callers.Should().Equal(client);
            var meshedAnswer = (await weft.MustAsync("workload", "exec", "client-vm", "-n", Ns, "--", "curl", "-s", "-m", "10", $"http://10.250.0.1:{Intercepted}/")).StdOut;
            meshedAnswer.Should().Be($"you are {client}\n");

            // Only the intercepted call went through the sidecar: its TCP connections grew by one.
            var after = await Poll.UntilAsync(() => ConnectionsAsync(http, client, ct), n => n > before, TimeSpan.FromSeconds(30), ct);
            after.Should().Be(before + 1, "the sidecar saw the call to the intercepted port and not the one to the excluded port");
        }
        finally
        {
            await weft.RunAsync("workload", "stop", "client-vm", "-n", Ns);
            (await HomeProcesses.WaitForNoneAsync(weft.Home, TimeSpan.FromSeconds(30))).Should().BeEmpty();
        }
    }

    /// <summary>The sidecar's istio_tcp_connections_opened_total, summed over its series.</summary>
    private static async Task<double> ConnectionsAsync(HttpClient http, string vm, CancellationToken ct)
    {
        var text = await http.GetStringAsync(new Uri($"http://{vm}:15090/stats/prometheus"), ct);
        return text.Split('\n').Where(l => l.StartsWith("istio_tcp_connections_opened_total{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }
}
