using System.Text.Json.Nodes;
using Weft.Testing;

namespace Weft.Integration.Tests.Workloads;

/// <summary>
/// A WorkloadGroup's gRPC probe against a real gRPC health server (<see cref="GrpcHealthServer"/>):
/// the VM's sidecar (weft-proxy with --workload-group) checks the group's service over h2c, turns
/// unhealthy when it answers NOT_SERVING or does not know the service (grpc-status 5), healthy again
/// when it serves, and weftd writes each verdict to the VM's WorkloadEntry.
/// </summary>
public sealed class GrpcProbeTests
{
    private const string Ns = "grpcprobe";

    [Fact]
    public async Task A_vms_grpc_probe_follows_a_real_health_server_through_serving_not_serving_and_unknown_service()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart { InsecureDiscovery = true, Args = ["--workload-grace", "30"] }, ct);
        await using var weft = new WeftCli();
        weft.Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        var vm = Net.UniqueLoopback();
        var port = Net.FreePort(vm);
        await using var health = await GrpcHealthServer.StartAsync(vm, port, ct);
        health.Set("ledger", GrpcHealthServer.Serving);
        await weft.MustAsync("apply", "-f", weft.Files.Write("group.yaml", $$"""
            apiVersion: networking.istio.io/v1
            kind: WorkloadGroup
            metadata: {name: ledger, namespace: {{Ns}}}
            spec:
              metadata:
                labels: {app: ledger}
              template:
                serviceAccount: ledger
              probe:
                periodSeconds: 1
                timeoutSeconds: 2
                failureThreshold: 2
                successThreshold: 1
                grpc: {port: {{port}}, service: ledger}
            """));
        await using var proxy = await ProxyProcess.StartAsync(["--discovery-address", weftd.InsecureDiscoveryAddress, "--name", "ledger-vm", "--namespace", Ns,
            "--address", vm, "--labels", "app=ledger", "--workload-group", "ledger", "--drain-seconds", "0", "--reconnect-initial-ms", "200", "--reconnect-max-ms", "1000"],
            adminAddress: $"{vm}:15000", timeout: TimeSpan.FromSeconds(60));
        var target = $"gRPC health check of {vm}:{port}";
        var entry = $"ledger-{vm.Replace('.', '-')}";

        var serving = await StateAsync(proxy, "Healthy", ct);
        serving["probe"]!.GetValue<string>().Should().Be($"{target} service \"ledger\"");
        serving["reason"]!.GetValue<string>().Should().Be($"{target} answered SERVING");
        health.Checked.Should().NotBeEmpty().And.OnlyContain(s => s == "ledger", "the probe names the group's service in its HealthCheckRequest");
        await EntryAsync(weft, entry, "Healthy", ct);

        health.Set("ledger", GrpcHealthServer.NotServing);
        (await StateAsync(proxy, "Unhealthy", ct))["reason"]!.GetValue<string>().Should().Be($"{target} answered NOT_SERVING (2 failures in a row)");
        proxy.Output.Should().Contain($"Workload is now unhealthy: {target} answered NOT_SERVING (2 failures in a row)");
        await EntryAsync(weft, entry, "Unhealthy", ct);

        health.Set("ledger", GrpcHealthServer.Serving);
        (await StateAsync(proxy, "Healthy", ct))["reason"]!.GetValue<string>().Should().Be($"{target} answered SERVING");
        await EntryAsync(weft, entry, "Healthy", ct);

        health.Set("ledger", null);
        (await StateAsync(proxy, "Unhealthy", ct))["reason"]!.GetValue<string>().Should().Be($"{target} failed with grpc-status 5 (2 failures in a row)");
    }

    private static Task<JsonNode> StateAsync(ProxyProcess proxy, string state, CancellationToken ct) => Poll.UntilAsync(
        async () =>
        {
            try
            {
                return JsonNode.Parse(await proxy.AdminGetAsync("/workload_health"))!;
            }
            catch (HttpRequestException)
            {
                return new JsonObject();
            }
        },
        n => (string?)n["state"] == state, TimeSpan.FromSeconds(30), ct);

    /// <summary>weftd wrote the verdict to the WorkloadEntry: <c>weft get workloads</c> shows it in HEALTH.</summary>
    private static async Task EntryAsync(WeftCli weft, string entry, string health, CancellationToken ct)
    {
        bool Shows(string line) => line.StartsWith(entry + " ", StringComparison.Ordinal) && line.Contains($" {health} ", StringComparison.Ordinal);
        var table = await Poll.UntilAsync(async () => (await weft.RunAsync("get", "workloads", "-n", Ns)).StdOut, s => s.Split('\n').Any(Shows), TimeSpan.FromSeconds(30), ct);
        table.Split('\n').Any(Shows).Should().BeTrue($"weftd writes the probe's verdict to {entry}, but `weft get workloads` shows:\n{table}");
    }
}
