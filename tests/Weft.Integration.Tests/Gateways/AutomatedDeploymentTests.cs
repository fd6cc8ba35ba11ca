using Weft.Testing;

namespace Weft.Integration.Tests.Gateways;

/// <summary>
/// weftd --deploy-gateways runs a gateway for a Gateway API Gateway of class istio that no gateway
/// workload runs, as Istio's automated deployment does, and stops it when the Gateway goes.
/// </summary>
public sealed class AutomatedDeploymentTests
{
    [Fact]
    public async Task A_gateway_of_class_istio_with_no_running_gateway_gets_one_from_weftd_which_stops_it_when_the_gateway_is_deleted()
    {
        await using var lab = await GatewayLab.StartAsync("--deploy-gateways");
        var app = Net.UniqueLoopback();
        var gateway = Net.UniqueLoopback();
        lab.Backend("store", app, 8080);
        var gatewayYaml = $$$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: edge, namespace: shop}
            spec:
              gatewayClassName: istio
              addresses: [{type: IPAddress, value: {{{gateway}}}}]
              listeners: [{name: http, port: 80, protocol: HTTP}]
            """;
        await lab.ApplyAsync("shop.yaml", $$$"""
            apiVersion: v1
            kind: Service
            metadata: {name: store, namespace: shop}
            spec: {selector: {app: store}, ports: [{name: http, port: 8080}]}
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: {name: store, namespace: shop}
            spec: {address: {{{app}}}, labels: {app: store}}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: store, namespace: shop}
            spec:
              parentRefs: [{name: edge}]
              rules: [{backendRefs: [{name: store, port: 8080}]}]
            """);
        var gatewayFile = lab.Cli.Files.Write("edge.yaml", gatewayYaml);
        await lab.Cli.MustAsync("apply", "-f", gatewayFile);

        var answer = await lab.CurlUntilAsync($"http://{gateway}/", "shop.example.com", r => r.StdOut.Contains("HTTP/1.1 200", StringComparison.Ordinal), "the deployed gateway to serve the route");
        answer.StdOut.Should().EndWith("store");
        var entry = await lab.Cli.MustAsync("get", "workloadentry", "edge-istio", "-n", "shop", "-o", "yaml");
        entry.StdOut.Should().Contain("weft.io/deployed-by: weftd").And.Contain($"address: {gateway}").And.Contain("gateway.networking.k8s.io/gateway-name: edge");
        await lab.Cli.UntilAsync(["get", "gateway.gateway.networking.k8s.io", "edge", "-n", "shop", "-o", "yaml"],
            r => r.StdOut.Contains($"message: Resource programmed, served by {gateway}", StringComparison.Ordinal), "the Gateway to be Programmed");

        await lab.Cli.MustAsync("delete", "-f", gatewayFile);
        await lab.Cli.UntilAsync(["get", "workloadentries", "-n", "shop"], r => !r.StdOut.Contains("edge-istio", StringComparison.Ordinal), "the deployed gateway to be unregistered");
        var gone = await Run.CommandAsync("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "3", $"http://{gateway}/"], null, null, TimeSpan.FromSeconds(10));
        gone.StdOut.Should().Be("000", "the gateway process stopped with its Gateway");
    }
}
