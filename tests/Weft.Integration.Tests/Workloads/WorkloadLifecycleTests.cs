using System.Globalization;
using System.Text.Json.Nodes;
using Weft.Testing;

namespace Weft.Integration.Tests.Workloads;

/// <summary>
/// One workload's life with the real weft, weftd, weft-proxy, weft-samples and curl: run in the
/// background without a sidecar, registered as a WorkloadEntry, reached by its Service's name
/// through the plain forwarder, restarted when its app dies, given a sidecar by
/// `weft workload inject`, and stopped with nothing left behind.
/// </summary>
public sealed class WorkloadLifecycleTests
{

    private const string Service = """
        apiVersion: v1
        kind: Service
        metadata: {name: cars, namespace: shop}
        spec:
          selector: {app: cars}
          ports:
          - {name: http, port: 8000}
        """;

    [Fact]
    public async Task A_workload_runs_registers_restarts_gets_a_sidecar_and_stops_cleanly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart(), ct);
        var discovery = weftd.DiscoveryAddress;
        await using var weft = new WeftCli();
        weft.Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        try
        {
            await weft.MustAsync("apply", "-f", weft.Files.Write("cars.yaml", Service));

            var run = await weft.MustAsync("workload", "run", "cars", "-n", "shop", "--labels", "app=cars,version=v1", "--port", "8000",
                "--sidecar=false", "--discovery-address", discovery, "--detach", "--env", "CURRENT_SERVICE=cars", "--env", "CURRENT_VERSION=v1", "--", "weft-samples", "cars");
            run.StdOut.Should().MatchRegex(@"^Workload shop/cars \(VirtualMachine\) is running at 127\.\d+\.\d+\.\d+ in the background \(pid \d+, log .+/\.weft/workloads/shop/cars/supervisor\.log\)\.\n`weft workload stop cars -n shop` stops it\.\n$");

            var entry = await EntryAsync(weft);
            var address = entry["spec"]!["address"]!.GetValue<string>();
            run.StdOut.Should().Contain($" at {address} in the background");
            entry["spec"]!["labels"]!.ToJsonString().Should().Be("""{"app":"cars","version":"v1"}""");
            entry["spec"]!["serviceAccount"]!.GetValue<string>().Should().Be("default");
            var annotations = entry["metadata"]!["annotations"]!;
            annotations["weft.io/kind"]!.GetValue<string>().Should().Be("VirtualMachine");
            annotations["sidecar.istio.io/inject"]!.GetValue<string>().Should().Be("false");
            annotations["weft.io/sidecar"]!.GetValue<string>().Should().Be("false");

            var listed = await PollAsync(() => weft.MustAsync("get", "workloads", "-n", "shop"), r => r.StdOut.Contains(" Healthy ", StringComparison.Ordinal), ct);
            listed.StdOut.Should().MatchRegex($@"^NAME +KIND +LABELS +ADDRESS +SIDECAR +HEALTH +AGE\ncars +VirtualMachine +app=cars,version=v1 +{address.Replace(".", "\\.", StringComparison.Ordinal)} +no +Healthy +\S+\n$");

            // Outside the mesh: the short name resolves to the Service's endpoint, no proxy answers.
            var plain = await weft.RunAsync("workload", "exec", "cars", "-n", "shop", "--", "curl", "-s", "-i", "-m", "10", "http://cars:8000/cars/London");
            plain.ExitCode.Should().Be(0, plain.Output);
            plain.StdOut.Should().StartWith("HTTP/1.1 200 OK").And.Contain("x-weft-sample: cars/v1").And.Contain("Sports Car");
            plain.StdOut.Should().NotContainEquivalentOf("server: weft");
            var exit = await weft.RunAsync("workload", "exec", "cars", "-n", "shop", "--", "sh", "-c", "exit 7");
            exit.ExitCode.Should().Be(7);

            // The app dies: the supervisor starts it again.
            var app = AppPid(weft.Home);
            Signal(app, "KILL");
            var log = Path.Combine(weft.Home, ".weft", "workloads", "shop", "cars", "supervisor.log");
            await PollAsync(() => Task.FromResult(File.ReadAllText(log)), t => t.Contains("[shop/cars] app exited with code 137; restarting it in 1s", StringComparison.Ordinal), ct);
            await PollAsync(() => weft.RunAsync("workload", "exec", "cars", "-n", "shop", "--", "curl", "-s", "-m", "10", "http://cars.shop:8000/healthz"),
                r => r.StdOut.Contains("\"status\":\"ok\"", StringComparison.Ordinal), ct);
            AppPid(weft.Home).Should().NotBe(app);

            var inject = await weft.MustAsync("workload", "inject", "cars", "-n", "shop");
            inject.StdOut.Should().Be("workload shop/cars restarted with a sidecar\n");
            var meshed = await PollAsync(() => weft.RunAsync("workload", "exec", "cars", "-n", "shop", "--", "curl", "-s", "-i", "-m", "10", "http://cars.shop:8000/cars/London"),
                r => r.StdOut.StartsWith("HTTP/1.1 200", StringComparison.Ordinal), ct);
            meshed.StdOut.Should().ContainEquivalentOf("server: weft").And.Contain("x-weft-sample: cars/v1");
            (await EntryAsync(weft))["spec"]!["labels"]!["security.istio.io/tlsMode"]!.GetValue<string>().Should().Be("istio");
            (await weft.MustAsync("get", "workloads", "-A")).StdOut.Should().MatchRegex(@"\nshop +cars +VirtualMachine +app=cars,version=v1 +\S+ +yes ");

            var stop = await weft.MustAsync("workload", "stop", "cars", "-n", "shop");
            stop.StdOut.Should().Be("Workload shop/cars stopped (its app, sidecar and WorkloadEntry).\n");
            var gone = await weft.RunAsync("get", "we", "cars", "-n", "shop");
            gone.ExitCode.Should().Be(1);
            gone.StdErr.Should().Contain("NotFound");
            (await HomeProcesses.WaitForNoneAsync(weft.Home, TimeSpan.FromSeconds(20))).Should().BeEmpty();
            var again = await weft.RunAsync("workload", "stop", "cars", "-n", "shop");
            again.ExitCode.Should().Be(1);
            again.StdErr.Should().Be("error: no workload shop/cars runs in the background on this machine (for this user); `weft get workloads -A` lists the mesh's workloads\n");
        }
        finally
        {
            foreach (var p in HomeProcesses.Find(weft.Home))
                Signal(int.Parse(p.Split(' ')[0], CultureInfo.InvariantCulture), "KILL");
        }
    }

    private static int AppPid(string home) =>
        int.Parse(HomeProcesses.Find(home).Single(p => p.Contains("weft-samples.dll cars", StringComparison.Ordinal)).Split(' ')[0], CultureInfo.InvariantCulture);

    private static async Task<JsonObject> EntryAsync(WeftCli weft) =>
        (JsonObject)JsonNode.Parse((await weft.MustAsync("get", "we", "cars", "-n", "shop", "-o", "json")).StdOut)!;

    private static async Task<T> PollAsync<T>(Func<Task<T>> get, Func<T, bool> ok, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (true)
        {
            var v = await get();
            if (ok(v))
                return v;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the condition did not hold within 45s; last: {v}");
            await Task.Delay(250, ct);
        }
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("kill", $"-{signal} {pid}") { UseShellExecute = false });
        kill?.WaitForExit();
    }
}
