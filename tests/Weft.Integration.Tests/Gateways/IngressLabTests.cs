using Weft.Testing;

namespace Weft.Integration.Tests.Gateways;

/// <summary>
/// The labs' two ways of exposing the Travel Control dashboard, applied from the corpus as they
/// are: a Gateway API HTTPRoute on the shared gateway, and an Istio Gateway with a
/// VirtualService. A real gateway proxy started with `weft gateway run` serves a real backend,
/// and curl is the browser.
/// </summary>
public sealed class IngressLabTests
{
    [Fact]
    public async Task The_lab_httproute_attached_to_gateway_shared_serves_the_control_vm_through_a_gateway_started_with_weft_gateway_run()
    {
        var chart = File.ReadAllText(Path.Combine(Repo.RequireCorpus("ossm-vm-labs/rendered/modernize-ocp-virt-workspace/module-03"), "travel-control.yaml"))
            // The corpus renders the chart for the placeholder user "userX"; namespaces are lower case, a real user is user1.
            .Replace("userX", "user1", StringComparison.Ordinal);
        await using var lab = await GatewayLab.StartAsync();
        var vm = Net.UniqueLoopback();
        var gateway = Net.UniqueLoopback();
        lab.Backend("control-vm", vm, 8080);
        // The shared gateway is the cluster's, not the lab's: an Istio-class Gateway any namespace may attach to.
        await lab.ApplyAsync("gateway-shared.yaml", $"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {"{"}name: gateway-shared, namespace: istio-gateway{"}"}
            spec:
              gatewayClassName: istio
              listeners:
              - name: http
                port: 80
                protocol: HTTP
                allowedRoutes: {"{"}namespaces: {"{"}from: All{"}"}{"}"}
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: {"{"}name: control-vm, namespace: user1-travel-control-new{"}"}
            spec:
              address: {vm}
              labels: {"{"}kubevirt.io/domain: control-vm, app: control-vm, version: v1{"}"}
            """);
        await lab.ApplyAsync("travel-control.yaml", chart);

        // Istio's automated deployment names the gateway NAME-CLASS and runs it as that service account.
        var started = await lab.RunGatewayAsync("gateway-shared-istio", "istio-gateway", gateway, "--for-gateway", "gateway-shared");
        started.StdOut.Should().StartWith($"Gateway istio-gateway/gateway-shared-istio is serving on {gateway}, in the background");

        var answer = await lab.CurlUntilAsync($"http://{gateway}/", "user1-ingress-istio-gateway.apps.example.com",
            r => r.StdOut.Contains("HTTP/1.1 200", StringComparison.Ordinal), "the gateway to serve the route");
        answer.StdOut.Should().EndWith("control-vm");
        answer.StdOut.Should().Contain("x-backend: control-vm");

        // Another host is not routed: 404, as Envoy answers a request no virtual host takes.
        var other = await lab.CurlUntilAsync($"http://{gateway}/", "elsewhere.example.com", r => r.StdOut.StartsWith("HTTP/1.1", StringComparison.Ordinal), "an answer");
        other.StdOut.Should().StartWith("HTTP/1.1 404");

        // The control plane writes the route's status as the Gateway API asks, and `weft get -o yaml` shows it.
        var route = await lab.Cli.UntilAsync(["get", "httproute", "control-vm-httproute", "-n", "user1-travel-control-new", "-o", "yaml"],
            r => r.StdOut.Contains("reason: ResolvedRefs", StringComparison.Ordinal), "the route's status");
        route.StdOut.Should().Contain("""
              parents:
              - parentRef:
                  group: gateway.networking.k8s.io
                  kind: Gateway
                  name: gateway-shared
                  namespace: istio-gateway
                controllerName: istio.io/gateway-controller
                conditions:
                - type: Accepted
                  status: "True"
                  reason: Accepted
                  message: Route was valid
            """.ReplaceLineEndings("\n"));
        var shared = await lab.Cli.UntilAsync(["get", "gateway.gateway.networking.k8s.io", "gateway-shared", "-n", "istio-gateway", "-o", "yaml"],
            r => r.StdOut.Contains("reason: Programmed", StringComparison.Ordinal), "the gateway's Programmed condition");
        shared.StdOut.Should().Contain($"message: Resource programmed, served by {gateway}").And.Contain("attachedRoutes: 1").And.Contain($"value: {gateway}");

        var workloads = await lab.Cli.MustAsync("get", "workloadentries", "-n", "istio-gateway");
        workloads.StdOut.Should().Contain("gateway-shared-istio");
        lab.Backends[0].Requests.Should().BeGreaterThan(0);

        var stopped = await lab.Cli.MustAsync("gateway", "stop", "gateway-shared-istio", "-n", "istio-gateway");
        stopped.StdOut.Should().Be("Gateway istio-gateway/gateway-shared-istio stopped.\n");
        (await lab.Cli.RunAsync("get", "workloadentry", "gateway-shared-istio", "-n", "istio-gateway")).ExitCode.Should().NotBe(0, "a stopped gateway unregisters");
    }

    [Fact]
    public async Task The_resilience_lab_gateway_and_virtual_service_serve_the_control_vm_subset_v1()
    {
        var exposed = File.ReadAllText(Path.Combine(Repo.RequireCorpus("ossm-vm-labs/script-manifests/virt-ossm-workspace/lab-4"), "expose-control-vm.yaml"));
        await using var lab = await GatewayLab.StartAsync();
        var v1 = Net.UniqueLoopback();
        var v2 = Net.UniqueLoopback();
        var gateway = Net.UniqueLoopback();
        lab.Backend("control-vm-v1", v1, 8080);
        lab.Backend("control-vm-v2", v2, 8080);
        // The control VM's Service lives in the lab's starting state, not in the script's manifests.
        await lab.ApplyAsync("control-vm.yaml", $"""
            apiVersion: v1
            kind: Service
            metadata: {"{"}name: control-vm, namespace: travel-control{"}"}
            spec:
              selector: {"{"}app: control-vm{"}"}
              ports: [{"{"}name: http, port: 8080{"}"}]
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: {"{"}name: control-vm, namespace: travel-control{"}"}
            spec: {"{"}address: {v1}, labels: {"{"}app: control-vm, version: v1{"}"}{"}"}
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: {"{"}name: control-vm-v2, namespace: travel-control{"}"}
            spec: {"{"}address: {v2}, labels: {"{"}app: control-vm, version: v2{"}"}{"}"}
            """);
        await lab.ApplyAsync("expose-control-vm.yaml", exposed);

        await lab.RunGatewayAsync("istio-ingressgateway", "istio-system", gateway, "--labels", "istio=ingressgateway", "--service-account", "istio-ingressgateway-service-account");

        for (var i = 0; i < 6; i++)
        {
            var answer = await lab.CurlUntilAsync($"http://{gateway}/", "istio-ingressgateway-istio-system.apps.example.com",
                r => r.StdOut.Contains("HTTP/1.1 200", StringComparison.Ordinal), "the gateway to serve the virtual service");
            answer.StdOut.Should().EndWith("control-vm-v1", "the VirtualService sends everything to subset v1");
        }
        lab.Backends[1].Requests.Should().Be(0);
    }
}
