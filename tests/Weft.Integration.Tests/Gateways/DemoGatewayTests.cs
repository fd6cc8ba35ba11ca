using System.Text.RegularExpressions;
using Weft.Testing;

namespace Weft.Integration.Tests.Gateways;

/// <summary>
/// `weft demo` runs the labs' ingress gateways (gateway-shared in istio-gateway,
/// istio-ingressgateway in istio-system) and prints where they serve; the lab's HTTPRoute
/// `control-vm-httproute`, applied as the lab does (its namespace being the demo's
/// travel-control), then serves the Travel Control dashboard through gateway-shared.
/// </summary>
public sealed partial class DemoGatewayTests
{
    [Fact]
    public async Task The_lab_httproute_applied_against_the_demo_serves_the_control_dashboard_through_gateway_shared()
    {
        var chart = File.ReadAllText(Path.Combine(Repo.RequireCorpus("ossm-vm-labs/rendered/modernize-ocp-virt-workspace/module-03"), "travel-control.yaml"));
        var route = chart.Split("\n---").Single(d => d.Contains("kind: HTTPRoute", StringComparison.Ordinal))
            // The demo's control VM lives in travel-control; the corpus renders the chart for the placeholder user "userX".
            .Replace("userX-travel-control-new", "travel-control", StringComparison.Ordinal)
            .Replace("userX", "user1", StringComparison.Ordinal);
        await using var weft = new WeftCli();
        var env = new Dictionary<string, string?> { ["HOME"] = weft.Home, ["WEFT_SERVER"] = null, ["WEFT_TOKEN"] = null };
        var demo = ManagedProcess.Start(Repo.Binary("Weft.Cli", "weft"), ["demo", "--listen", "127.0.0.1:0"], env, weft.Home);
        try
        {
            await demo.WaitForLineAsync("Serving quotes", TimeSpan.FromSeconds(240), TestContext.Current.CancellationToken);
            var banner = await demo.WaitForLineAsync("istio-ingressgateway (istio-system)", TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            var shared = SharedLine().Match(demo.Output);
            shared.Success.Should().BeTrue("the banner names gateway-shared's address:\n" + demo.Output);
            banner.Should().MatchRegex(@"http://127\.\d+\.\d+\.\d+/ +istio-ingressgateway \(istio-system\)");
            var gateway = shared.Groups[1].Value;

            await weft.MustAsync("apply", "-f", weft.Files.Write("control-vm-httproute.yaml", route));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            Run.Result page;
            do
            {
                page = await Run.CommandAsync("curl", ["-s", "-i", "--max-time", "10", "-H", "Host: user1-ingress-istio-gateway.apps.example.com", $"http://{gateway}/console"],
                    null, null, TimeSpan.FromSeconds(20));
                if (page.StdOut.StartsWith("HTTP/1.1 200", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
                    break;
                await Task.Delay(500, TestContext.Current.CancellationToken);
            }
            while (true);
            page.StdOut.Should().StartWith("HTTP/1.1 200", demo.Output).And.Contain("<html", "the control dashboard's page comes back through the gateway");

            var gateways = await weft.MustAsync("get", "workloadentries", "-n", "istio-gateway");
            gateways.StdOut.Should().Contain("gateway-shared-istio");

            // The gateways stop with the demo, as its workloads do.
            demo.Terminate();
            (await demo.WaitForExitAsync(TimeSpan.FromSeconds(120))).Should().Be(0, demo.Output);
            (await Workloads.HomeProcesses.WaitForNoneAsync(weft.Home, TimeSpan.FromSeconds(60))).Should().BeEmpty("stopping the demo stops its gateways too");
        }
        finally
        {
            await demo.DisposeAsync();
        }
    }

    [GeneratedRegex(@"http://(127\.\d+\.\d+\.\d+)/ +gateway-shared \(istio-gateway\)")]
    private static partial Regex SharedLine();
}
