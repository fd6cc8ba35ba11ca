using Weft.Testing;

namespace Weft.Integration.Tests.Workloads;

/// <summary>
/// <c>weft up --service-cluster-ip-range</c> hands weftd the block Services get their cluster IPs
/// from, as kube-apiserver's option: a Service applied without one shows an address of that block
/// in <c>weft get svc</c>; a block weftd cannot use is refused, naming why, and nothing is left running.
/// </summary>
public sealed class ServiceClusterIPRangeTests
{
    [Fact]
    public async Task A_service_gets_its_cluster_ip_from_the_block_weft_up_was_given()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var weft = new WeftCli();
        await weft.MustAsync("up", "--detach", "--listen", $"127.0.0.1:{Net.FreePort()}", "--service-cluster-ip-range", "172.31.240.0/24");
        try
        {
            await weft.MustAsync("apply", "-f", weft.Files.Write("svc.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: ledger, namespace: bank}
                spec:
                  selector: {app: ledger}
                  ports: [{name: http, port: 8080}]
                """));
            var table = await Poll.UntilAsync(async () => (await weft.RunAsync("get", "svc", "-n", "bank")).StdOut,
                s => s.Contains("172.31.240.", StringComparison.Ordinal), TimeSpan.FromSeconds(30), ct);
            table.Split('\n')[1].Should().MatchRegex(@"^ledger +ClusterIP +172\.31\.240\.2 +<none> +8080/TCP ");
        }
        finally
        {
            await weft.RunAsync("down");
        }
    }

    [Fact]
    public async Task A_block_larger_than_a_slash_12_is_refused_and_starts_nothing()
    {
        await using var weft = new WeftCli();
        var up = await weft.RunAsync("up", "--detach", "--listen", $"127.0.0.1:{Net.FreePort()}", "--service-cluster-ip-range", "10.0.0.0/8");
        up.ExitCode.Should().NotBe(0);
        up.Output.Should().Contain("--service-cluster-ip-range: \"10.0.0.0/8\" is larger than a /12, the most a Kubernetes API server allows");
        (await weft.RunAsync("down")).StdOut.Should().Contain("No detached control plane is running.");
    }
}
