using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Weft.Testing;
using static Microsoft.Playwright.Assertions;

namespace Weft.Console.Tests;

/// <summary>
/// The lab's first step in the console, with the real `weft demo`: before the sidecars the graph is
/// empty (nothing reports), after `weft demo mesh` it shows every workload that calls or is called,
/// VMs and containers told apart, from the proxies' own metrics.
/// </summary>
public sealed partial class DemoGraphTests
{
    private static readonly string[] Expected =
    [
        "travel-portal/voyages", "travel-portal/viaggi", "travel-portal/travels",
        "travel-agency/travels-vm", "travel-agency/flights-vm", "travel-agency/hotels-vm",
        "travel-agency/cars-vm", "travel-agency/insurances-vm", "travel-agency/discounts-vm",
    ];

    [Fact]
    public async Task The_graph_is_empty_before_the_sidecars_and_shows_the_demos_workloads_after_weft_demo_mesh()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var browser = await ConsoleBrowser.LaunchAsync(ct);
        await using var weft = new WeftCli();
        var env = new Dictionary<string, string?> { ["HOME"] = weft.Home, ["WEFT_SERVER"] = null, ["WEFT_TOKEN"] = null, ["WEFT_CONSOLE_DIR"] = ConsoleBrowser.Dist };
        await using var demo = ManagedProcess.Start(Repo.Binary("Weft.Cli", "weft"), ["demo", "--listen", "127.0.0.1:0"], env, weft.Home);
        try
        {
            await demo.WaitForLineAsync("Serving quotes", TimeSpan.FromSeconds(120), ct);
            var server = new Uri(ServerLine().Match(demo.Output).Groups[1].Value);
            var token = (await File.ReadAllTextAsync(Path.Combine(weft.Home, ".weft", "demo", "data", "token"), ct)).Trim();
            await browser.LoginAsync(server, token);
            var page = browser.Page;

            await page.GotoAsync(new Uri(server, "/console/graph?namespaces=travel-agency,travel-control,travel-portal").ToString());
            await Expect(page.GetByTestId("graph-empty")).ToBeVisibleAsync();
            await browser.ScreenshotAsync("graph-before-sidecars");

            var mesh = await weft.RunAsync("demo", "mesh");
            mesh.ExitCode.Should().Be(0, mesh.Output + demo.Output);

            // Sidecars connect, load flows through them, weftd scrapes every 5 s, the page refreshes every 10 s.
            string[] ids = [];
            // 150 s: on a CI machine running two other suites, the ten restarts and first scrapes take longer.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(150);
            while (DateTime.UtcNow < deadline)
            {
                ids = await NodeIdsAsync(page);
                if (Expected.All(ids.Contains))
                    break;
                await Task.Delay(2000, ct);
            }
            if (!Expected.All(ids.Contains))
            {
                var edges = await page.EvaluateAsync<string>("JSON.stringify((window.__weftGraph?.edges ?? []).map(e => `${e.source} -> ${e.target} ${e.requestRate}`))");
                var status = await weft.RunAsync("proxy-status");
                ids.Should().Contain(Expected, $"every workload of the demo calls or is called once it has a sidecar; edges: {edges}; proxy-status: {status.Output}");
            }
            await Expect(page.GetByTestId("graph-empty")).Not.ToBeVisibleAsync();

            var kinds = await page.EvaluateAsync<JsonElement>("Object.fromEntries(window.__weftGraph.nodes.map(n => [n.id.replace(/^wl:/, ''), n.kind ?? '']))");
            kinds.GetProperty("travel-agency/cars-vm").GetString().Should().Be("VirtualMachine");
            kinds.GetProperty("travel-portal/voyages").GetString().Should().Be("Container");
            var rate = await page.EvaluateAsync<double>("window.__weftGraph.edges.filter(e => e.target === 'wl:travel-agency/travels-vm').reduce((a, e) => a + e.requestRate, 0)");
            rate.Should().BePositive("the portals call travels-vm all the time");
            await browser.ScreenshotAsync("graph-after-sidecars");

            // The versioned app graph over the same metrics, and an edge's side panel.
            await page.GetByTestId("graph-type").SelectOptionAsync("versionedApp");
            await Expect(page.GetByTestId("graph")).Not.ToHaveAttributeAsync("data-nodes", "0");
            var appIds = await NodeIdsAsync(page);
            appIds.Should().Contain("app:travel-agency/cars-vm:v1");
            await browser.ScreenshotAsync("graph-versioned-app");
            // A VM's sidecar config, read by weftd from the proxy's admin endpoint.
            await page.GotoAsync(new Uri(server, "/console/workloads/travel-agency/cars-vm").ToString());
            await Expect(page.GetByTestId("listeners")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("listeners")).Not.ToContainTextAsync("Nothing here yet");
            await page.GetByRole(Microsoft.Playwright.AriaRole.Tab, new() { NameRegex = new Regex("^Clusters") }).ClickAsync();
            await Expect(page.GetByTestId("clusters")).ToContainTextAsync("discounts-vm.travel-agency.svc.cluster.local");
            await browser.ScreenshotAsync("workload-proxy-config");

            // The overview: VMs and containers per namespace, every sidecar connected, the apps healthy.
            await page.GotoAsync(new Uri(server, "/console/overview").ToString());
            await Expect(page.GetByTestId("ns-card-travel-agency")).ToContainTextAsync("6 workloads: 6 VMs, 0 containers; 6 with a connected sidecar");
            await Expect(page.GetByTestId("ns-card-travel-portal")).ToContainTextAsync("3 containers");
            await Expect(page.Locator("[data-testid=ns-card-travel-agency] tr[data-app='travels-vm'] [data-health]")).ToHaveAttributeAsync("data-health", "healthy");
            await browser.ScreenshotAsync("overview");
            TestContext.Current.TestOutputHelper?.WriteLine($"graph nodes: {string.Join(", ", ids)}; travels-vm inbound {rate.ToString("0.00", CultureInfo.InvariantCulture)} rps");
        }
        finally
        {
            Signal(demo.Id, "INT");
            await demo.WaitForExitAsync(TimeSpan.FromSeconds(60));
        }
    }

    private static async Task<string[]> NodeIdsAsync(Microsoft.Playwright.IPage page) =>
        await page.EvaluateAsync<string[]>("(window.__weftGraph?.nodes ?? []).map(n => n.id.replace(/^wl:/, ''))");

    private static void Signal(int pid, string signal)
    {
        using var kill = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("kill", $"-{signal} {pid}") { UseShellExecute = false });
        kill?.WaitForExit();
    }

    [GeneratedRegex(@"Control plane \(REST API\)\s+(http://\S+)")]
    private static partial Regex ServerLine();
}
