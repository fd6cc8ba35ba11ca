using System.Text.Json.Nodes;
using Weft.Testing;

namespace Weft.Integration.Tests.Workloads;

/// <summary>
/// Inbound traffic of a network-namespace "VM" keeps the calling VM's address: the sidecar's own
/// service ports are reached directly (not through the 15006 relay), so an AuthorizationPolicy's
/// <c>source.ipBlocks</c> sees the caller, and a port the sidecar passes through is connected to
/// the app from the caller's address (IP_TRANSPARENT with policy routing, as Istio's TPROXY mode).
/// Needs root, iproute2, iptables, setpriv and curl; skips saying which is missing.
/// </summary>
[Collection(nameof(NetnsAlone))]
public sealed class NetnsCallerAddressTests
{
    private const string Ns = "netcaller";

    [Fact]
    public async Task The_sidecar_and_the_app_see_the_calling_vms_address_not_the_interception_relays()
    {
        if (await NetnsSupport.WhyUnavailableAsync(("curl", "curl")) is { } why)
            Assert.Skip(why);
        var ct = TestContext.Current.CancellationToken;
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart(), ct);
        await using var weft = new WeftCli();
        weft.Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        string[] names = ["cars-vm", "client-vm"];
        try
        {
            await weft.MustAsync("apply", "-f", weft.Files.Write("cars.yaml", $$"""
                apiVersion: v1
                kind: Service
                metadata: {name: cars, namespace: {{Ns}}}
                spec:
                  selector: {app: cars}
                  ports:
                  - {name: http, port: 8000}
                """));
            string[] common = ["-n", Ns, "--isolation", "netns", "--discovery-address", weftd.DiscoveryAddress, "--detach"];
            await weft.MustAsync(["workload", "run", "cars-vm", "--labels", "app=cars,version=v1", "--service-account", "cars", "--port", "8000", .. common, "--", "weft-samples", "cars"]);
            await weft.MustAsync(["workload", "run", "client-vm", "--labels", "app=client", "--service-account", "client", .. common, "--", "sleep", "600"]);
            var cars = await AddressAsync(weft, "cars-vm");
            var client = await AddressAsync(weft, "client-vm");
            (await CurlAsync(weft, "http://cars.netcaller:8000/cars/London", "HTTP/1.1 200", ct)).Should().StartWith("HTTP/1.1 200");

            // The sidecar's service port is reached directly: a rule for the relay's address (the
            // workload's own, what the sidecar saw through 15006) refuses the call ...
            await ApplyPolicyAsync(weft, cars);
            var refused = await CurlAsync(weft, "http://cars.netcaller:8000/cars/London", "HTTP/1.1 403", ct);
            refused.Should().StartWith("HTTP/1.1 403").And.Contain("\r\n\r\nRBAC: access denied");
            // ... and one for the calling VM's address lets it through.
            await ApplyPolicyAsync(weft, client);
            (await CurlAsync(weft, "http://cars.netcaller:8000/cars/London", "HTTP/1.1 200", ct)).Should().Contain("x-weft-sample: cars/");

            // A port the sidecar does not own goes through the inbound relay, which connects to the
            // app from the caller's address.
            await using var other = NetnsListener.Start($"weft-{Ns}-cars-vm", cars, 9100);
            var answer = await CurlAsync(weft, $"http://{cars}:9100/", "HTTP/1.1 200", ct);
            answer.Should().Contain($"\r\n\r\nyou are {client}\n", "the app saw the calling VM, not the relay in its own namespace");
            other.Callers.Should().Equal(client);
        }
        finally
        {
            foreach (var name in names)
                await weft.RunAsync("workload", "stop", name, "-n", Ns);
            (await HomeProcesses.WaitForNoneAsync(weft.Home, TimeSpan.FromSeconds(30))).Should().BeEmpty();
        }
    }

    private static Task ApplyPolicyAsync(WeftCli weft, string ip) => weft.MustAsync("apply", "-f", weft.Files.Write("policy.yaml", $$$"""
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: cars-callers, namespace: {{{Ns}}}}
        spec:
          selector: {matchLabels: {app: cars}}
          action: ALLOW
          rules:
          - from:
            - source: {ipBlocks: ["{{{ip}}}/32"]}
        """));

    /// <summary>An unmodified curl in the client VM, until its answer starts with <paramref name="wanted"/> (the policy reaches the sidecar within a push).</summary>
    private static Task<string> CurlAsync(WeftCli weft, string url, string wanted, CancellationToken ct) => Poll.UntilAsync(
        async () => (await weft.RunAsync("workload", "exec", "client-vm", "-n", Ns, "--", "curl", "-s", "-i", "-m", "15", url)).StdOut,
        s => s.StartsWith(wanted, StringComparison.Ordinal), TimeSpan.FromSeconds(90), ct);

    private static async Task<string> AddressAsync(WeftCli weft, string name) =>
        JsonNode.Parse((await weft.MustAsync("get", "we", name, "-n", Ns, "-o", "json")).StdOut)!["spec"]!["address"]!.GetValue<string>();
}
