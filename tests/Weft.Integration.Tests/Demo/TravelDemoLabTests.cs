using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Weft.Integration.Tests.Workloads;
using Weft.Testing;

namespace Weft.Integration.Tests.Demo;

/// <summary>
/// The labs end to end with the real programs, as a user runs them: `weft demo` (weftd and ten
/// workloads without sidecars), a London quote from a portal, `weft demo mesh`, the quote again
/// through the sidecars, the canary script with 90/10 and cars v2 getting about a tenth of the
/// calls, then SIGINT (Ctrl-C) and no process left.
/// </summary>
public sealed class TravelDemoLabTests
{
    private const string Quote = "curl -s -i -m 20 http://travels-vm.travel-agency:8000/travels/London";

    [Fact]
    public async Task The_demo_serves_quotes_joins_the_mesh_splits_cars_90_10_and_leaves_no_process_after_ctrl_c()
    {
        await using var weft = new WeftCli();
        var env = new Dictionary<string, string?> { ["HOME"] = weft.Home, ["WEFT_SERVER"] = null, ["WEFT_TOKEN"] = null };
        var demo = ManagedProcess.Start(Repo.Binary("Weft.Cli", "weft"), ["demo", "--listen", "127.0.0.1:0"], env, weft.Home);
        try
        {
            var serving = await demo.WaitForLineAsync("Serving quotes", TimeSpan.FromSeconds(240), TestContext.Current.CancellationToken);
            TestContext.Current.TestOutputHelper?.WriteLine(serving.Trim());
            // The banner is one write but arrives here line by line: its last line says it is all there.
            await demo.WaitForLineAsync("Ctrl-C stops everything.", TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            demo.Output.Should().Contain("./weft demo mesh").And.Contain("samples/labs/multipleversions-for-car-vm-in-the-mesh.sh 90 10");

            var workloads = await weft.MustAsync("get", "workloads", "-A");
            var all = workloads.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            // The demo's two ingress gateways are workloads too, in their own namespaces; the application is the other ten.
            all.Should().Contain(r => r.StartsWith("istio-gateway ", StringComparison.Ordinal) && r.Contains(" gateway-shared-istio ", StringComparison.Ordinal))
                .And.Contain(r => r.StartsWith("istio-system ", StringComparison.Ordinal) && r.Contains(" istio-ingressgateway ", StringComparison.Ordinal));
            var rows = all.Where(r => !r.StartsWith("istio-", StringComparison.Ordinal)).ToArray();
            rows[0].Should().MatchRegex("^NAMESPACE +NAME +KIND +LABELS +ADDRESS +SIDECAR +HEALTH +AGE$");
            rows.Should().HaveCount(11);
            rows.Should().ContainSingle(r => r.StartsWith("travel-agency ", StringComparison.Ordinal) && r.Contains(" cars-vm ", StringComparison.Ordinal)
                && r.Contains(" VirtualMachine ", StringComparison.Ordinal) && r.Contains("app=cars-vm,version=v1", StringComparison.Ordinal));
            rows.Should().ContainSingle(r => r.StartsWith("travel-portal ", StringComparison.Ordinal) && r.Contains(" voyages ", StringComparison.Ordinal) && r.Contains(" Container ", StringComparison.Ordinal));
            rows.Skip(1).Should().OnlyContain(r => SidecarColumn(rows[0], r) == "no");

            // Outside the mesh the portal reaches travels-vm by name, without a proxy in between.
            var plain = await weft.RunAsync("workload", "exec", "travels", "-n", "travel-portal", "--", "sh", "-c", Quote);
            plain.ExitCode.Should().Be(0, plain.Output);
            plain.StdOut.Should().StartWith("HTTP/1.1 200 OK").And.Contain("\"city\":\"London\"").And.Contain("\"status\":\"Valid\"");
            plain.StdOut.Should().NotContainEquivalentOf("server: weft");

            // Ten restarts at once: generous bounds, since a loaded two-core machine can take minutes (about 20 s when idle).
            var mesh = await Run.CommandAsync(Repo.Binary("Weft.Cli", "weft"), ["demo", "mesh", "--timeout", "280"], env, timeout: TimeSpan.FromSeconds(300), workingDirectory: weft.Home);
            mesh.ExitCode.Should().Be(0, mesh.Output + demo.Output);
            mesh.StdOut.Should().EndWith("Every workload of the demo runs with a sidecar (10). `weft proxy-status` lists them.\n");

            // Through the mesh: the portal's sidecar answers for travels-vm.
            var meshed = await RetryAsync(() => weft.RunAsync("workload", "exec", "travels", "-n", "travel-portal", "--", "sh", "-c", Quote),
                r => r.ExitCode == 0 && r.StdOut.StartsWith("HTTP/1.1 200 OK", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
            meshed.StdOut.Should().ContainEquivalentOf("server: weft").And.Contain("\"status\":\"Valid\"");

            // Every sidecar got its config over weftd's TLS port, proving its own identity with its certificate.
            var proxies = JsonNode.Parse((await weft.MustAsync("proxy-status", "-o", "json")).StdOut)!.AsArray().Where(p => p!["connected"]!.ToString() == "true").ToList();
            proxies.Should().HaveCountGreaterThanOrEqualTo(10);
            proxies.Should().OnlyContain(p => p!["transport"]!.ToString() == "tls"
                && p["identity"]!.ToString().StartsWith($"spiffe://cluster.local/ns/{p["namespace"]}/sa/", StringComparison.Ordinal), JsonSerializer.Serialize(proxies));

            var canary = await Run.CommandAsync("bash", [Path.Combine(Repo.Root, "samples", "labs", "multipleversions-for-car-vm-in-the-mesh.sh"), "90", "10"],
                new Dictionary<string, string?>(env) { ["WEFT"] = $"dotnet {Repo.Binary("Weft.Cli", "weft")}" }, timeout: TimeSpan.FromSeconds(300));
            canary.ExitCode.Should().Be(0, canary.Output);
            canary.StdOut.Should().Contain("virtualservice.networking.istio.io/cars created");

            // Calls from travels-vm go through its sidecar (what `weft workload exec travels-vm` does).
            var travels = await EntryAsync(weft, "travel-agency", "travels-vm");
            var address = travels["spec"]!["address"]!.GetValue<string>();
            using var admin = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            await WaitAsync(async () => (await admin.GetStringAsync(new Uri($"http://{address}:15000/config_dump"))).Contains("outbound|8000|v2|cars-vm.travel-agency.svc.cluster.local", StringComparison.Ordinal),
                "travels-vm's sidecar to know subset v2 of cars-vm", TimeSpan.FromSeconds(90));
            using var http = new HttpClient(new SocketsHttpHandler { Proxy = new WebProxy($"http://{address}:15001"), UseProxy = true }) { Timeout = TimeSpan.FromSeconds(15) };
            // The split is in place once v2 answers at all (cars-vm-v2 registered and pushed).
            await WaitAsync(async () => await VersionAsync(http) == "cars/v2", "cars v2 to answer", TimeSpan.FromSeconds(90));
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < 300; i++)
            {
                var v = await VersionAsync(http);
                counts[v] = counts.GetValueOrDefault(v) + 1;
            }
            var summary = string.Join(", ", counts.Select(kv => $"{kv.Key} x{kv.Value}"));
            TestContext.Current.TestOutputHelper?.WriteLine($"cars answers with 90/10: {summary}");
            (counts.GetValueOrDefault("cars/v1") + counts.GetValueOrDefault("cars/v2")).Should().Be(300, summary);
            // 10 % of 300 is 30; binomial sd is about 5.2, so 12..54 is more than three sd either side.
            counts.GetValueOrDefault("cars/v2").Should().BeInRange(12, 54, summary);

            var before = HomeProcesses.Find(weft.Home);
            before.Count.Should().BeGreaterThanOrEqualTo(24, string.Join("\n", before));
            // Ctrl-C. A suite started as a background job of a non-interactive shell hands every child
            // SIGINT ignored (POSIX), which no program can take back; the demo treats SIGTERM the same.
            Signal(demo.Id, SigIntIgnored() ? "TERM" : "INT");
            // 0, or 130/143 (128 + the signal) when the command line pipeline reports the interruption itself.
            (await demo.WaitForExitAsync(TimeSpan.FromSeconds(120))).Should().BeOneOf([0, 130, 143], demo.Output);
            demo.Output.Should().Contain("Demo stopped: every process it started has exited.");
            var left = await HomeProcesses.WaitForNoneAsync(weft.Home, TimeSpan.FromSeconds(60));
            left.Should().BeEmpty("Ctrl-C stops the demo, its workloads, their sidecars, weftd and the canary's detached cars-vm-v2");
            File.Exists(Path.Combine(weft.Home, ".weft", "config")).Should().BeFalse("the demo puts the client config back as it was (none)");
        }
        finally
        {
            await demo.DisposeAsync();
            foreach (var p in HomeProcesses.Find(weft.Home))
                Signal(int.Parse(p.Split(' ')[0], CultureInfo.InvariantCulture), "KILL");
        }
    }

    private static string SidecarColumn(string header, string row) => row[header.IndexOf("SIDECAR", StringComparison.Ordinal)..].Split(' ')[0];

    private static async Task<string> VersionAsync(HttpClient http)
    {
        try
        {
            using var r = await http.GetAsync(new Uri("http://cars-vm.travel-agency:8000/cars/London"));
            return r.Headers.TryGetValues("x-weft-sample", out var v) ? v.First() : $"HTTP {(int)r.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return "error: " + e.Message;
        }
    }

    private static async Task<JsonObject> EntryAsync(WeftCli weft, string ns, string name)
    {
        var r = await weft.MustAsync("get", "we", name, "-n", ns, "-o", "json");
        return (JsonObject)JsonNode.Parse(r.StdOut)!;
    }

    private static async Task<Run.Result> RetryAsync(Func<Task<Run.Result>> run, Func<Run.Result, bool> ok, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var r = await run();
            if (ok(r) || DateTime.UtcNow > deadline)
                return r;
            await Task.Delay(500);
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition())
                    return;
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited {timeout.TotalSeconds:0}s for {what}");
            await Task.Delay(200);
        }
    }

    /// <summary>Whether this process (and so every child it starts) has SIGINT ignored: bit 1 of SigIgn in /proc/self/status.</summary>
    private static bool SigIntIgnored()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 0x2) != 0;
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("kill", $"-{signal} {pid}") { UseShellExecute = false });
        kill?.WaitForExit();
    }
}
