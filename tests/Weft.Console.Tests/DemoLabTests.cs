using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Weft.Testing;
using static Microsoft.Playwright.Assertions;

namespace Weft.Console.Tests;

/// <summary>
/// The labs in the console, against one running `weft demo` (a demo takes minutes on a loaded
/// two-core machine, so the class shares one): first the graph before and after the sidecars
/// (`weft demo mesh`), then the canary split in the versioned app graph, allow-nothing policies
/// turning edges red, the traffic shifting wizard changing what the sidecars do, and a workload's
/// detail page (charts, traces, access log). Graph windows are 30 s (the console's shortest,
/// ?duration=30), so a new split shows within a minute. Each test puts the demo's config back as
/// it found it.
/// </summary>
[TestCaseOrderer(typeof(GraphBeforeMeshFirst))]
public sealed class DemoLabTests(RunningDemo demo) : IClassFixture<RunningDemo>
{
    public const string GraphTest = nameof(The_graph_is_empty_before_the_sidecars_and_shows_the_demos_workloads_after_weft_demo_mesh);

    private static readonly string[] Expected =
    [
        "travel-portal/voyages", "travel-portal/viaggi", "travel-portal/travels",
        "travel-agency/travels-vm", "travel-agency/flights-vm", "travel-agency/hotels-vm",
        "travel-agency/cars-vm", "travel-agency/insurances-vm", "travel-agency/discounts-vm",
    ];

    private const string Canary = "multipleversions-for-car-vm-in-the-mesh.sh";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    /// <summary>travels-vm's calls to cars-vm v2 as a share of its calls to cars-vm v1 and v2, as the versioned app graph draws them.</summary>
    private const string V2Share = """
        (() => {
          const g = window.__weftGraph;
          if (!g || g.type !== 'versionedApp') return -1;
          const rate = t => g.edges.filter(e => e.source.startsWith('app:travel-agency/travels-vm:') && e.target === t).reduce((a, e) => a + e.requestRate, 0);
          const v1 = rate('app:travel-agency/cars-vm:v1'), v2 = rate('app:travel-agency/cars-vm:v2');
          return v1 + v2 > 0 ? 100 * v2 / (v1 + v2) : -1;
        })()
        """;

    [Fact]
    public async Task The_graph_is_empty_before_the_sidecars_and_shows_the_demos_workloads_after_weft_demo_mesh()
    {
        if (demo.Meshed)
            Assert.Skip("the class's demo is already in the mesh: this test runs first in its class (GraphBeforeMeshFirst) unless filtered out of order");
        var ct = TestContext.Current.CancellationToken;
        await using var browser = await ConsoleBrowser.LaunchAsync(ct);
        var server = demo.Server;
        var weft = demo.Weft;
        await browser.LoginAsync(server, demo.Token);
        var page = browser.Page;

        await page.GotoAsync(new Uri(server, "/console/graph?namespaces=travel-agency,travel-control,travel-portal").ToString());
        await Expect(page.GetByTestId("graph-empty")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("graph-before-sidecars");

        await demo.EnsureMeshAsync();

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
            var edges = await page.EvaluateAsync<string>("JSON.stringify((window.__weftGraph?.edges ?? []).map(e => `${e.source} -> ${e.target} (${e.service}) ${e.requestRate} ${JSON.stringify(e.responseCodes ?? {})}`))");
            ids.Should().Contain(Expected, $"every workload of the demo calls or is called once it has a sidecar; edges: {edges}; {await demo.DiagnosticsAsync(Expected.Except(ids))}");
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
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Clusters") }).ClickAsync();
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

    [Fact]
    public async Task The_versioned_app_graph_shows_the_canary_split_about_10_percent_to_v2_then_about_80()
    {
        await demo.EnsureMeshAsync();
        var ct = TestContext.Current.CancellationToken;
        await using var browser = await ConsoleBrowser.LaunchAsync(ct);
        await browser.LoginAsync(demo.Server, demo.Token);
        var page = browser.Page;
        try
        {
            await demo.LabAsync(Canary, "90", "10");
            // The split is in place once v2 answers at all (cars-vm-v2 started, registered and pushed).
            var since = DateTime.UtcNow;
            await RunningDemo.PollAsync(() => Task.FromResult(demo.Answers(since).Contains("cars/v2")), "cars v2 to answer after the 90/10 split", TimeSpan.FromSeconds(180),
                () => Task.FromResult($"answers: {Summary(demo.Answers(since))}"));
            var split = DateTime.UtcNow;
            await page.GotoAsync(new Uri(demo.Server, "/console/graph?namespaces=travel-agency&type=versionedApp&duration=30&refresh=5000").ToString());
            var share = await ShareOnceWindowPassedAsync(page, split, s => s is >= 3 and <= 20, "about 10% (3-20%) to v2 with 90/10");
            await browser.ScreenshotAsync("canary-90-10");
            TestContext.Current.TestOutputHelper?.WriteLine($"90/10: the graph shows {share:0.0}% to v2; cars answered {Summary(demo.Answers(split))}");

            await demo.LabAsync(Canary, "20", "80");
            split = DateTime.UtcNow;
            share = await ShareOnceWindowPassedAsync(page, split, s => s is >= 65 and <= 95, "about 80% (65-95%) to v2 with 20/80");
            await browser.ScreenshotAsync("canary-20-80");
            TestContext.Current.TestOutputHelper?.WriteLine($"20/80: the graph shows {share:0.0}% to v2; cars answered {Summary(demo.Answers(split))}");
        }
        finally
        {
            await DeleteAsync("virtualservice", "cars");
            await DeleteAsync("destinationrule", "cars");
        }
    }

    [Fact]
    public async Task Allow_nothing_policies_turn_the_edges_into_the_agency_red_with_403()
    {
        await demo.EnsureMeshAsync();
        var ct = TestContext.Current.CancellationToken;
        await using var browser = await ConsoleBrowser.LaunchAsync(ct);
        await browser.LoginAsync(demo.Server, demo.Token);
        var page = browser.Page;
        var policies = Path.Combine(Repo.Root, "samples", "labs", "authorization", "allow-nothing.yaml");
        try
        {
            await demo.Weft.MustAsync("apply", "-f", policies);
            var applied = DateTime.UtcNow;
            await RunningDemo.PollAsync(() => Task.FromResult(demo.Answers(applied).Contains("HTTP 403")), "calls to cars-vm to be denied", TimeSpan.FromSeconds(120),
                () => Task.FromResult($"answers: {Summary(demo.Answers(applied))}"));
            await page.GotoAsync(new Uri(demo.Server, "/console/graph?namespaces=travel-agency,travel-portal&type=workload&duration=30&refresh=5000").ToString());
            // Every edge into the agency that carried requests in the window is a failure, mostly 403.
            const string Into = """
                (window.__weftGraph?.edges ?? []).filter(e => e.target.startsWith('wl:travel-agency/') && e.requestRate > 0)
                  .map(e => ({ id: e.id, health: e.health, denied: e.codes['403'] ?? 0, rate: e.requestRate }))
                """;
            JsonElement edges = default;
            await RunningDemo.PollAsync(async () =>
            {
                edges = await page.EvaluateAsync<JsonElement>(Into);
                var list = edges.EnumerateArray().ToList();
                return DateTime.UtcNow > applied + Window && list.Count >= 2
                    && list.All(e => e.GetProperty("health").GetString() == "failure" && e.GetProperty("denied").GetDouble() >= 0.8 * e.GetProperty("rate").GetDouble());
            }, "every edge into travel-agency to be red (failure) with 403s", TimeSpan.FromSeconds(150), async () => $"edges: {edges}; {await demo.DiagnosticsAsync()}");
            var ids = edges.EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
            ids.Should().Contain("wl:travel-agency/travels-vm->wl:travel-agency/cars-vm", "travels-vm's sidecar keeps calling cars-vm (the test's calls)");
            ids.Should().Contain(id => id!.StartsWith("wl:travel-portal/", StringComparison.Ordinal) && id.EndsWith("->wl:travel-agency/travels-vm", StringComparison.Ordinal), "the portals keep asking travels-vm for quotes");
            await browser.ScreenshotAsync("authorization-allow-nothing");
        }
        finally
        {
            await demo.Weft.RunAsync("delete", "-f", policies);
        }
        // Allowed again: the demo is as it was for the next test.
        var restored = DateTime.UtcNow;
        await RunningDemo.PollAsync(() => Task.FromResult(demo.Answers(restored).Any(a => a.StartsWith("cars/", StringComparison.Ordinal))), "cars-vm to answer again once the policies are deleted", TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task The_traffic_shifting_wizard_at_0_100_makes_the_sidecars_send_every_call_of_cars_to_v2()
    {
        await demo.EnsureMeshAsync();
        var ct = TestContext.Current.CancellationToken;
        await using var browser = await ConsoleBrowser.LaunchAsync(ct);
        await browser.LoginAsync(demo.Server, demo.Token);
        var page = browser.Page;
        try
        {
            // cars v2 exists (the canary lab starts it); the wizard writes its own rules named after the
            // service, so the lab's VirtualService and DestinationRule "cars" for the same host go first.
            await demo.LabAsync(Canary, "90", "10");
            await DeleteAsync("virtualservice", "cars");
            await DeleteAsync("destinationrule", "cars");
            var before = DateTime.UtcNow;
            await RunningDemo.PollAsync(() => Task.FromResult(demo.Answers(before).Contains("cars/v2") && demo.Answers(before).Contains("cars/v1")),
                "both versions to answer without rules (round robin over v1 and v2)", TimeSpan.FromSeconds(180), () => Task.FromResult($"answers: {Summary(demo.Answers(before))}"));

            await page.GotoAsync(new Uri(demo.Server, "/console/services/travel-agency/cars-vm").ToString());
            await page.GetByTestId("wizard-traffic-shifting").ClickAsync();
            await page.GetByTestId("weight-v1").FillAsync("0");
            await page.GetByTestId("weight-v2").FillAsync("100");
            await Expect(page.GetByTestId("wizard-preview")).ToContainTextAsync("weight: 100");
            await page.GetByTestId("wizard-create").ClickAsync();
            await Expect(page.GetByTestId("wizard-done")).ToBeVisibleAsync();
            var written = DateTime.UtcNow;

            // What the sidecars do: travels-vm's route for cars-vm now has only v2 ...
            await RunningDemo.PollAsync(async () =>
            {
                var routes = await demo.Weft.RunAsync("proxy-config", "routes", "travels-vm", "-n", "travel-agency", "-o", "json");
                return routes.ExitCode == 0 && routes.StdOut.Contains("outbound|8000|v2|cars-vm.travel-agency.svc.cluster.local", StringComparison.Ordinal)
                    && !routes.StdOut.Contains("outbound|8000|v1|cars-vm.travel-agency.svc.cluster.local", StringComparison.Ordinal);
            }, "travels-vm's sidecar to route cars-vm to v2 only", TimeSpan.FromSeconds(90));
            // ... so calls through it reach v2 only: 40 answers in a row from v2.
            var routed = DateTime.UtcNow;
            await RunningDemo.PollAsync(() => Task.FromResult(demo.Answers(routed).Count >= 40), "40 calls to cars-vm after the change", TimeSpan.FromSeconds(90));
            var answers = demo.Answers(routed);
            answers.Should().OnlyContain(a => a == "cars/v2", $"the wizard sent 100% to v2; answers: {Summary(answers)}");

            // And the graph, from the sidecars' own metrics, shows it once its window has passed.
            await page.GotoAsync(new Uri(demo.Server, "/console/graph?namespaces=travel-agency&type=versionedApp&duration=30&refresh=5000").ToString());
            var share = await ShareOnceWindowPassedAsync(page, routed, s => s >= 97, "all calls (97% or more) to v2");
            await browser.ScreenshotAsync("wizard-0-100-graph");
            TestContext.Current.TestOutputHelper?.WriteLine($"0/100 written at {written:T}: the graph shows {share:0.0}% to v2");
        }
        finally
        {
            await DeleteAsync("virtualservice", "cars-vm");
            await DeleteAsync("destinationrule", "cars-vm");
        }
    }

    [Fact]
    public async Task The_details_of_cars_vm_show_metric_charts_traces_and_its_sidecars_access_log()
    {
        await demo.EnsureMeshAsync();
        var ct = TestContext.Current.CancellationToken;
        await using var browser = await ConsoleBrowser.LaunchAsync(ct);
        await browser.LoginAsync(demo.Server, demo.Token);
        var page = browser.Page;
        await page.GotoAsync(new Uri(demo.Server, "/console/workloads/travel-agency/cars-vm").ToString());
        // travels-vm calls cars-vm all the time: the inbound charts have points, the totals a rate.
        var rate = page.GetByTestId("chart-inbound-rate");
        await Expect(rate).ToBeVisibleAsync();
        await Expect(rate).Not.ToHaveAttributeAsync("data-points", "0", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("chart-inbound-duration")).Not.ToHaveAttributeAsync("data-points", "0");
        await Expect(page.GetByTestId("metrics-inbound-totals")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Over the last 300s: [0-9.]+ rps"));
        await browser.ScreenshotAsync("workload-inbound-metrics");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Outbound metrics" }).ClickAsync();
        await Expect(page.GetByTestId("chart-outbound-rate")).Not.ToHaveAttributeAsync("data-points", "0", new() { Timeout = 60_000 });

        // Traces: 10% of requests are sampled; the table refreshes every 15 s.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Traces" }).ClickAsync();
        await Expect(page.Locator("[data-testid=traces] tr[data-row]").First).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await page.Locator("[data-testid=traces] tr[data-row] button").First.ClickAsync();
        await Expect(page.GetByTestId("trace-spans")).ToContainTextAsync("cars-vm.travel-agency");
        await browser.ScreenshotAsync("workload-traces");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Access log" }).ClickAsync();
        var log = page.GetByTestId("access-log");
        await Expect(log).Not.ToHaveAttributeAsync("data-lines", "0", new() { Timeout = 60_000 });
        await Expect(log).ToContainTextAsync("GET /cars/London");
        await browser.ScreenshotAsync("workload-access-log");
    }

    private static async Task<string[]> NodeIdsAsync(Microsoft.Playwright.IPage page) =>
        await page.EvaluateAsync<string[]>("(window.__weftGraph?.nodes ?? []).map(n => n.id.replace(/^wl:/, ''))");

    private async Task<double> ShareOnceWindowPassedAsync(IPage page, DateTime since, Func<double, bool> expected, string what)
    {
        double share = -1;
        await RunningDemo.PollAsync(async () =>
        {
            share = await page.EvaluateAsync<double>(V2Share);
            return DateTime.UtcNow > since + Window + TimeSpan.FromSeconds(5) && expected(share);
        }, $"the versioned app graph to show {what}", TimeSpan.FromSeconds(180),
            () => Task.FromResult($"last share {share.ToString("0.0", CultureInfo.InvariantCulture)}% (-1: no edge to cars-vm); cars answered {Summary(demo.Answers(since))}"));
        return share;
    }

    private async Task DeleteAsync(string kind, string name) => await demo.Weft.RunAsync("delete", kind, name, "-n", "travel-agency", "--ignore-not-found");

    private static string Summary(IReadOnlyList<string> answers) =>
        string.Join(", ", answers.GroupBy(a => a).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}"));
}
