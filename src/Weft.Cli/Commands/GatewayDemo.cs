using Weft.Api.Documents;
using Weft.Cli.Config;
using Weft.Cli.Http;
using Weft.Cli.Workloads;

namespace Weft.Cli.Commands;

/// <summary>
/// The two ingress gateways `weft demo` runs, so both lab variants apply verbatim: the cluster's
/// shared Gateway API Gateway <c>gateway-shared</c> in <c>istio-gateway</c> (class istio, HTTP on
/// port 80, routes from every namespace) served by <c>gateway-shared-istio</c>, as Istio's automated
/// deployment names it, and <c>istio-ingressgateway</c> in <c>istio-system</c> (labels
/// <c>istio=ingressgateway</c>) for the Istio Gateway + VirtualService variant. Each runs on a
/// loopback address of its own and stops with the demo.
/// </summary>
public sealed class GatewayDemo : IAsyncDisposable
{
    private readonly ApiClient _api;
    private readonly List<GatewayProcess> _running;
    private readonly LoopbackAllocator _addresses;

    private GatewayDemo(ApiClient api, LoopbackAllocator addresses, List<GatewayProcess> running, string shared, string ingress)
    {
        _api = api;
        _addresses = addresses;
        _running = running;
        SharedAddress = shared;
        IngressAddress = ingress;
    }

    /// <summary>Where gateway-shared serves (the lab's HTTPRoutes attach to it).</summary>
    public string SharedAddress { get; }

    /// <summary>Where istio-ingressgateway serves (Istio Gateways selecting istio=ingressgateway).</summary>
    public string IngressAddress { get; }

    public static async Task<GatewayDemo> StartAsync(CliEnvironment env, ClientConfig config, string discovery, Action<string> log, CancellationToken ct)
    {
        var api = new ApiClient(config);
        var addresses = new LoopbackAllocator(WorkloadHome.Root(env));
        var running = new List<GatewayProcess>();
        try
        {
            await api.PostAsync("apis/weft.io/v1/apply", SharedGateway(), ct);
            var shared = addresses.Allocate("istio-gateway/gateway-shared-istio", [80, 443]);
            var ingress = addresses.Allocate("istio-system/istio-ingressgateway", [80, 443]);
            var specs = new[]
            {
                new GatewayProcess.GatewaySpec("gateway-shared-istio", "istio-gateway",
                    new Dictionary<string, string>(StringComparer.Ordinal) { ["gateway.networking.k8s.io/gateway-name"] = "gateway-shared" },
                    "gateway-shared-istio", shared, $"{shared}:15000", [80, 443], discovery),
                new GatewayProcess.GatewaySpec("istio-ingressgateway", "istio-system",
                    new Dictionary<string, string>(StringComparer.Ordinal) { ["istio"] = "ingressgateway", ["app"] = "istio-ingressgateway" },
                    "istio-ingressgateway-service-account", ingress, $"{ingress}:15000", [80, 443], discovery),
            };
            var starting = specs.Select(s => GatewayProcess.StartAsync(env, api, s, log, ct)).ToList();
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                running.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }
            return new GatewayDemo(api, addresses, running, shared, ingress);
        }
        catch
        {
            await new GatewayDemo(api, addresses, running, "", "").DisposeAsync();
            throw;
        }
    }

    /// <summary>The shared gateway of the labs' cluster: a platform object, there before any lab step.</summary>
    private static MapNode SharedGateway()
    {
        var listener = MapNode.Of(
            ("name", ScalarNode.String("http")),
            ("port", ScalarNode.Integer(80)),
            ("protocol", ScalarNode.String("HTTP")),
            ("allowedRoutes", MapNode.Of(("namespaces", MapNode.Of(("from", ScalarNode.String("All")))))));
        var gateway = MapNode.Of(
            ("apiVersion", ScalarNode.String("gateway.networking.k8s.io/v1")),
            ("kind", ScalarNode.String("Gateway")),
            ("metadata", MapNode.Of(("name", ScalarNode.String("gateway-shared")), ("namespace", ScalarNode.String("istio-gateway")))),
            ("spec", MapNode.Of(("gatewayClassName", ScalarNode.String("istio")), ("listeners", new SeqNode([listener])))));
        return MapNode.Of(("apiVersion", ScalarNode.String("v1")), ("kind", ScalarNode.String("List")), ("items", new SeqNode([gateway])));
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_running.Select(g => g.DisposeAsync().AsTask()));
        _addresses.Release("istio-gateway/gateway-shared-istio");
        _addresses.Release("istio-system/istio-ingressgateway");
        _api.Dispose();
    }
}
