using System.Text.Json.Nodes;
using Weft.Testing;

namespace Weft.Integration.Tests.Workloads;

/// <summary>
/// A VM joining through a WorkloadGroup with only what `weft workload entry configure` wrote:
/// the unit's own weft-proxy command line (paths moved into a temp folder, the VM's address
/// filled in) gets a certificate with the one-time token and registers the VM in the group.
/// </summary>
public sealed class VmOnboardingTests
{

    [Fact]
    public async Task The_files_entry_configure_writes_are_enough_for_a_VM_to_get_its_certificate_and_register()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart(), ct);
        // Not given to entry configure: the VM's proxy gets its config where it gets its certificate, weftd's TLS port.
        var discovery = weftd.DiscoveryAddress;
        await using var weft = new WeftCli();
        weft.Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        await weft.MustAsync("apply", "-f", weft.Files.Write("group.yaml", """
            apiVersion: networking.istio.io/v1
            kind: WorkloadGroup
            metadata: {name: reviews, namespace: vm}
            spec:
              metadata:
                labels: {app: reviews, version: v1}
              template:
                serviceAccount: reviews
            """));

        var missing = await weft.RunAsync("workload", "entry", "configure", "-n", "vm", "--group", "ratings", "-o", weft.Files.File("none"));
        missing.ExitCode.Should().Be(1);
        missing.StdErr.Should().Be("error: workloadgroup \"ratings\" not found in namespace \"vm\"; create it first (weft apply -f) so the VM's entries get its labels and ports\n");

        var address = Net.UniqueLoopback();
        var dir = weft.Files.File("etc-weft");
        var configure = await weft.MustAsync("workload", "entry", "configure", "-n", "vm", "--group", "reviews", "-o", dir, "--address", address);
        configure.StdOut.Should().StartWith($"Wrote {dir}/ for WorkloadGroup vm/reviews (identity spiffe://cluster.local/ns/vm/sa/reviews):\n");
        File.GetUnixFileMode(Path.Combine(dir, "bootstrap-token")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.ReadAllText(Path.Combine(dir, "root-cert.pem")).Should().StartWith("-----BEGIN CERTIFICATE-----");
        File.ReadAllText(Path.Combine(dir, "mesh.env")).Should().Contain($"WEFT_ADDRESS={address}\n").And.Contain("WEFT_WORKLOAD_GROUP=reviews\n");
        var unit = File.ReadAllLines(Path.Combine(dir, "weft-proxy.service"));
        var exec = unit.Single(l => l.StartsWith("ExecStart=/usr/local/bin/weft-proxy ", StringComparison.Ordinal));
        exec.Should().StartWith($"ExecStart=/usr/local/bin/weft-proxy --discovery-address {discovery} --namespace vm --workload-group reviews --service-account reviews ");

        // The VM: the unit's command line, with /etc/weft and /var/lib/weft moved here.
        var args = exec["ExecStart=/usr/local/bin/weft-proxy ".Length..]
            .Replace("/etc/weft", dir, StringComparison.Ordinal)
            .Replace("/var/lib/weft", weft.Files.File("var-lib-weft"), StringComparison.Ordinal)
            .Replace("${WEFT_ADDRESS}", address, StringComparison.Ordinal)
            .Replace("${WEFT_NAME}", "vm-1", StringComparison.Ordinal)
            .Replace("127.0.0.1:15000", $"{address}:15000", StringComparison.Ordinal)
            .Split(' ');
        await using (var proxy = await ProxyProcess.StartAsync([.. args, "--drain-seconds", "0"], adminAddress: $"{address}:15000", timeout: TimeSpan.FromSeconds(120)))
        {
            var name = $"reviews-{address.Replace('.', '-')}";
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            Run.Result get;
            while (true)
            {
                get = await weft.RunAsync("get", "we", name, "-n", "vm", "-o", "json");
                if (get.ExitCode == 0 || DateTime.UtcNow > deadline)
                    break;
                await Task.Delay(200, ct);
            }
            get.ExitCode.Should().Be(0, proxy.Output + weftd.Process.Output);
            var entry = (JsonObject)JsonNode.Parse(get.StdOut)!;
            entry["spec"]!["address"]!.GetValue<string>().Should().Be(address);
            entry["spec"]!["serviceAccount"]!.GetValue<string>().Should().Be("reviews");
            entry["spec"]!["labels"]!.ToJsonString().Should().Be("""{"app":"reviews","version":"v1"}""");
            File.Exists(Path.Combine(weft.Files.File("var-lib-weft"), "certs", "cert-chain.pem")).Should().BeTrue("the token bought the VM its certificate:\n" + proxy.Output);
        }
    }
}
