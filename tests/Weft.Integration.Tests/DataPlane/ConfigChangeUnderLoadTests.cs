using System.Diagnostics;

namespace Weft.Integration.Tests.DataPlane;

/// <summary>Config changes while traffic flows: the proxy swaps its snapshot atomically, so no request is lost.</summary>
public sealed class ConfigChangeUnderLoadTests
{
    [Fact]
    public async Task Config_changes_applied_while_200_requests_a_second_flow_lose_no_request()
    {
        await using var mesh = await CanaryMesh.StartAsync(90, 10);
        var tally = new Tally();
        var inFlight = new List<Task>();
        using var stop = new CancellationTokenSource();

        // 200 rps: one request every 5 ms, each on its own, for as long as the changes take.
        var clock = Stopwatch.StartNew();
        var load = Task.Run(async () =>
        {
            var sent = 0;
            while (!stop.IsCancellationRequested)
            {
                while (sent < clock.Elapsed.TotalMilliseconds / 5)
                {
                    inFlight.Add(Task.Run(async () => tally.Record(await mesh.OneAsync())));
                    sent++;
                }
                await Task.Delay(1);
            }
        }, TestContext.Current.CancellationToken);

        await Task.Delay(500, TestContext.Current.CancellationToken);
        await mesh.ApplyAsync("split-20-80.yaml", CanaryMesh.Split(20, 80));
        await mesh.WaitForSplitAsync(20, 80);
        await mesh.ApplyAsync("split-50-50.yaml", CanaryMesh.Split(50, 50, """
                headers:
                  request:
                    set: {x-canary: "yes"}
            """));
        await mesh.WaitForSplitAsync(50, 50);
        await mesh.ApplyAsync("pool.yaml", """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: cars, namespace: travel}
            spec:
              host: cars
              trafficPolicy:
                connectionPool:
                  http: {http1MaxPendingRequests: 1000, maxRequestsPerConnection: 50}
              subsets:
              - {name: v1, labels: {version: v1}}
              - {name: v2, labels: {version: v2}}
            """);
        await mesh.WaitForClientAsync(d => d.Contains("\"maxRequestsPerConnection\": 50", StringComparison.Ordinal), "the connection pool change");
        await mesh.ApplyAsync("split-10-90.yaml", CanaryMesh.Split(10, 90));
        await mesh.WaitForSplitAsync(10, 90);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        await stop.CancelAsync();
        await load;
        var seconds = clock.Elapsed.TotalSeconds;
        await Task.WhenAll(inFlight);

        tally.Total.Should().BeGreaterThanOrEqualTo((int)(190 * seconds), $"200 requests a second flowed for the {seconds:F1} s the changes took");
        tally.Failures.Should().BeEmpty($"no request may be lost while config changes; got {tally}");
        tally["v1"].Should().BeGreaterThan(0);
        tally["v2"].Should().BeGreaterThan(0);
    }
}
