using System.Diagnostics;
using System.Text.Json.Nodes;
using Weft.Testing;

namespace Weft.Integration.Tests.Workloads;

/// <summary>
/// WorkloadGroup auto-registration with the real weftd and weft-proxy: a proxy started with
/// --workload-group gets its WorkloadEntry from the group's template while it is connected,
/// keeps it across a quick restart, and loses it once it has been gone for the grace period.
/// </summary>
public sealed class AutoRegistrationTests
{

    private const string Group = """
        apiVersion: networking.istio.io/v1
        kind: WorkloadGroup
        metadata: {name: cars, namespace: vm}
        spec:
          metadata:
            labels: {app: cars, version: v3}
            annotations: {team: rentals}
          template:
            serviceAccount: cars
            ports: {http: 8000}
        """;

    [Fact]
    public async Task A_proxy_naming_a_workload_group_is_registered_while_connected_and_removed_after_the_grace_period()
    {
        var ct = TestContext.Current.CancellationToken;
        // Registration is what is tested here, so the proxy runs without a certificate, on the plaintext listener.
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart { InsecureDiscovery = true, Args = ["--workload-grace", "30"] }, ct);
        var discovery = weftd.InsecureDiscoveryAddress;
        await using var weft = new WeftCli();
        weft.Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        await weft.MustAsync("apply", "-f", weft.Files.Write("group.yaml", Group));
        var address = Net.UniqueLoopback();
        var name = $"cars-{address.Replace('.', '-')}";
        string[] args = ["--discovery-address", discovery, "--data-dir", weft.Files.File("proxy"), "--name", "cars-1", "--namespace", "vm",
            "--address", address, "--labels", "zone=a", "--workload-group", "cars", "--drain-seconds", "0", "--reconnect-initial-ms", "200", "--reconnect-max-ms", "1000"];

        var proxy = await ProxyProcess.StartAsync(args, adminAddress: $"{address}:15000", timeout: TimeSpan.FromSeconds(30));
        JsonObject entry;
        try
        {
            entry = await PollAsync(() => EntryAsync(weft, name), e => e is not null, ct) ?? throw new InvalidOperationException();
        }
        finally
        {
            await proxy.DisposeAsync();
        }
        entry["spec"]!["address"]!.GetValue<string>().Should().Be(address);
        entry["spec"]!["serviceAccount"]!.GetValue<string>().Should().Be("cars");
        entry["spec"]!["ports"]!.ToJsonString().Should().Be("""{"http":8000}""");
        entry["spec"]!["labels"]!.ToJsonString().Should().Be("""{"app":"cars","version":"v3","zone":"a"}""");
        var annotations = entry["metadata"]!["annotations"]!;
        annotations["istio.io/autoRegistrationGroup"]!.GetValue<string>().Should().Be("cars");
        annotations["team"]!.GetValue<string>().Should().Be("rentals");
        entry["metadata"]!["ownerReferences"]![0]!["kind"]!.GetValue<string>().Should().Be("WorkloadGroup");
        var uid = entry["metadata"]!["uid"]!.GetValue<string>();

        // A quick restart (a reboot of the VM's proxy) keeps the entry: the same object, reconnected.
        var marked = await PollAsync(() => EntryAsync(weft, name), e => e?["metadata"]?["annotations"]?["istio.io/disconnectedAt"] is not null, ct);
        marked.Should().NotBeNull();
        await using (await ProxyProcess.StartAsync(args, adminAddress: $"{address}:15000", timeout: TimeSpan.FromSeconds(30)))
        {
            var back = await PollAsync(() => EntryAsync(weft, name), e => e?["metadata"]?["annotations"]?["istio.io/disconnectedAt"] is null, ct);
            back!["metadata"]!["uid"]!.GetValue<string>().Should().Be(uid);
        }

        // Gone for longer than the grace period (30 s here, so a slow restart above stays within it): removed, not before.
        var stopped = Stopwatch.StartNew();
        await PollAsync(() => EntryAsync(weft, name), e => e is null, ct, TimeSpan.FromSeconds(60));
        stopped.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(28));
        weftd.Process.Output.Should().Contain($"Removed WorkloadEntry vm/{name}: its proxy has been gone for ");
    }

    private static async Task<JsonObject?> EntryAsync(WeftCli weft, string name)
    {
        var r = await weft.RunAsync("get", "we", name, "-n", "vm", "-o", "json");
        return r.ExitCode == 0 ? (JsonObject)JsonNode.Parse(r.StdOut)! : null;
    }

    private static async Task<T> PollAsync<T>(Func<Task<T>> get, Func<T, bool> ok, CancellationToken ct, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var v = await get();
            if (ok(v))
                return v;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the condition did not hold in time; last: {v}");
            await Task.Delay(200, ct);
        }
    }
}
