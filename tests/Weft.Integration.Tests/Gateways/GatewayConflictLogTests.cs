using Weft.Testing;

namespace Weft.Integration.Tests.Gateways;

/// <summary>
/// Two Istio Gateways on the same port and host of the same gateway workloads (IST0145): besides
/// the analyzer's finding, weftd logs the conflict once, naming both and the one that wins (the
/// first created).
/// </summary>
public sealed class GatewayConflictLogTests
{
    private static string Gateway(string name, string host) => $$"""
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata:
          name: {{name}}
          namespace: istio-system
        spec:
          selector:
            istio: ingressgateway
          servers:
          - port:
              number: 80
              name: http
              protocol: HTTP
            hosts:
            - {{host}}
        """;

    private const string Line = "Gateways istio-system/a-first and istio-system/b-second both serve host shop.example.test on port 80 of the same gateway workloads (IST0145): istio-system/a-first wins as the first created; istio-system/b-second's server for that host is not used";

    [Fact]
    public async Task Weftd_logs_one_line_per_conflict_naming_both_gateways_and_the_first_created_as_the_winner()
    {
        await using var lab = await GatewayLab.StartAsync();
        await lab.ApplyAsync("first.yaml", Gateway("a-first", "shop.example.test"));
        await lab.ApplyAsync("second.yaml", Gateway("b-second", "shop.example.test"));

        var ct = TestContext.Current.CancellationToken;
        var log = await Poll.UntilAsync(() => Task.FromResult(lab.Weftd.Process.Output), o => o.Contains(Line, StringComparison.Ordinal), TimeSpan.FromSeconds(30), ct);
        log.Should().Contain(Line);

        Count(log).Should().Be(1, "one conflict, one line");
    }

    private static int Count(string output) => output.Split('\n').Count(l => l.Contains(Line, StringComparison.Ordinal));
}
