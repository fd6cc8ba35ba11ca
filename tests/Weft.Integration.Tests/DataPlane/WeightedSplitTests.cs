namespace Weft.Integration.Tests.DataPlane;

/// <summary>The canary lab: a 90/10 split, then 20/80, through real sidecars, within statistical tolerance.</summary>
public sealed class WeightedSplitTests
{
    private const int Requests = 2000;

    [Fact]
    public async Task A_90_10_split_then_a_20_80_split_send_traffic_in_those_shares()
    {
        await using var mesh = await CanaryMesh.StartAsync(90, 10);

        var first = await mesh.SendAsync(Requests);
        first.Failures.Should().BeEmpty($"every request should be answered; got {first}");
        AssertShare(first, "v2", 0.10);

        await mesh.ApplyAsync("split-20-80.yaml", CanaryMesh.Split(20, 80));
        await mesh.WaitForSplitAsync(20, 80);

        var second = await mesh.SendAsync(Requests);
        second.Failures.Should().BeEmpty($"every request should be answered; got {second}");
        AssertShare(second, "v2", 0.80);

        // What a person checks next: every proxy in sync, and the subsets the client runs.
        var status = await mesh.Cli.MustAsync("proxy-status");
        status.StdOut.Should().Contain("portal.travel").And.Contain("cars-v1.travel").And.Contain("cars-v2.travel");
        status.StdOut.Split('\n').Where(l => l.Contains(".travel", StringComparison.Ordinal)).Should().OnlyContain(l => l.Contains("SYNCED", StringComparison.Ordinal), status.StdOut);
        var clusters = await mesh.Cli.MustAsync("proxy-config", "clusters", "portal.travel");
        clusters.StdOut.Should().MatchRegex(@"cars\.travel\.svc\.cluster\.local\s+8000\s+v2\s+outbound\s+EDS\s+cars\.travel");
        var routes = await mesh.Cli.MustAsync("proxy-config", "routes", "portal", "-n", "travel");
        routes.StdOut.Should().Contain("http_proxy").And.Contain("cars.travel.svc.cluster.local:8000").And.Contain("cars.travel");
        var listeners = await mesh.Cli.MustAsync("proxy-config", "listeners", "cars-v1.travel");
        listeners.StdOut.Should().MatchRegex(@"\b15001\s+ALL\s+Route: http_proxy").And.MatchRegex(@"\b8000\s+ALL\s+Route: inbound\|8000\|\|");
        var endpoints = await mesh.Cli.MustAsync("proxy-config", "endpoints", "portal.travel");
        endpoints.StdOut.Should().MatchRegex(@":8000\s+HEALTHY\s+OK\s+outbound\|8000\|v2\|cars\.travel\.svc\.cluster\.local");
        var json = await mesh.Cli.MustAsync("proxy-config", "clusters", "portal.travel", "-o", "json");
        System.Text.Json.JsonDocument.Parse(json.StdOut).RootElement.EnumerateArray().Select(c => c.GetProperty("name").GetString())
            .Should().Contain("outbound|8000|v1|cars.travel.svc.cluster.local");
        var missing = await mesh.Cli.RunAsync("proxy-config", "routes", "nobody.travel");
        missing.ExitCode.Should().NotBe(0);
        missing.StdErr.Should().Contain("no proxy \"nobody\" in namespace \"travel\"");
    }

    /// <summary>Within 4.5 standard deviations of the binomial share: a fair split essentially never fails, a wrong one always does.</summary>
    private static void AssertShare(Tally tally, string backend, double p)
    {
        var n = tally.Total;
        var expected = n * p;
        var tolerance = 4.5 * Math.Sqrt(n * p * (1 - p));
        tally[backend].Should().BeInRange((int)(expected - tolerance), (int)Math.Ceiling(expected + tolerance), $"{backend} should get {p:P0} of {n} requests; got {tally}");
    }
}
