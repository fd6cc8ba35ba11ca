using System.Globalization;
using Weft.Testing;

namespace Weft.Integration.Tests.Gateways;

/// <summary>
/// The Gateway API's HTTPRoute conformance scenarios from the corpus, run against real gateway
/// proxies with real requests: the suite's base manifests (class set to <c>weft</c>) with a real
/// HTTP backend per Service, then each scenario's manifest applied as it is with `weft apply`,
/// its requests sent, and the manifest deleted. The figure passed / applicable is printed.
/// </summary>
public sealed class GatewayApiConformanceTests(ITestOutputHelper output)
{
    /// <summary>Every HTTP backend of the base manifests serves on targetPort 3000.</summary>
    private const int BackendPort = 3000;

    private static readonly (string Namespace, string Name)[] Backends =
    [
        ("gateway-conformance-infra", "infra-backend-v1"), ("gateway-conformance-infra", "infra-backend-v2"), ("gateway-conformance-infra", "infra-backend-v3"),
        ("gateway-conformance-app-backend", "app-backend-v1"), ("gateway-conformance-app-backend", "app-backend-v2"),
        ("gateway-conformance-web-backend", "web-backend"),
    ];

    [Fact]
    public async Task The_httproute_conformance_scenarios_that_run_on_one_machine_all_pass_with_real_requests()
    {
        var suite = Repo.RequireCorpus("gateway-api/conformance");
        await using var lab = await GatewayLab.StartAsync();
        var entries = string.Join("", Backends.Select(b =>
        {
            var address = Net.UniqueLoopback();
            lab.Backend(b.Name, address, BackendPort);
            return $"---\napiVersion: networking.istio.io/v1\nkind: WorkloadEntry\nmetadata: {{name: {b.Name}, namespace: {b.Namespace}}}\nspec: {{address: {address}, labels: {{app: {b.Name}}}}}\n";
        }));
        await lab.ApplyAsync("base.yaml", Class(File.ReadAllText(Path.Combine(suite, "base", "manifests.yaml"))) + "\n" + entries);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        var gateways = new Dictionary<string, (ProxyProcess Proxy, string Address)>(StringComparer.Ordinal);
        var failures = new List<string>();
        var passed = 0;
        try
        {
            foreach (var scenario in ConformanceScenarios.All)
            {
                var path = lab.Cli.Files.Write(scenario.File, Class(File.ReadAllText(Path.Combine(suite, "tests", scenario.File))));
                await lab.Cli.MustAsync("apply", "-f", path);
                if (!gateways.TryGetValue(scenario.Gateway, out var gateway))
                    gateways[scenario.Gateway] = gateway = await StartGatewayAsync(lab, scenario.Gateway);
                var failure = scenario.Name == "httproute-weight"
                    ? await WeightsAsync(http, gateway.Address, lab)
                    : await RunAsync(scenario, http, gateway.Address, lab);
                if (failure is null)
                    passed++;
                else
                    failures.Add($"{scenario.Name}: {failure}");
                output.WriteLine($"{(failure is null ? "PASS" : "FAIL")} {scenario.Name}{(failure is null ? "" : ": " + failure)}");
                await lab.Cli.MustAsync("delete", "-f", path);
            }
        }
        finally
        {
            foreach (var (proxy, _) in gateways.Values)
                await proxy.DisposeAsync();
        }
        output.WriteLine($"Gateway API HTTPRoute conformance: {passed} / {ConformanceScenarios.All.Count} applicable scenarios passed");
        failures.Should().BeEmpty();
    }

    private static string Class(string yaml) => yaml.Replace("{GATEWAY_CLASS_NAME}", "weft", StringComparison.Ordinal);

    /// <summary>The gateway proxy Istio's automated deployment would run for a Gateway: labelled with its name, in its namespace.</summary>
    private static async Task<(ProxyProcess, string)> StartGatewayAsync(GatewayLab lab, string gateway)
    {
        var address = Net.UniqueLoopback();
        var proxy = await ProxyProcess.StartAsync(
            ["--mode", "gateway", "--discovery-address", lab.InsecureDiscovery, "--name", $"{gateway}-weft", "--namespace", "gateway-conformance-infra",
             "--address", address, "--labels", $"gateway.networking.k8s.io/gateway-name={gateway}", "--drain-seconds", "0",
             "--reconnect-initial-ms", "200", "--reconnect-max-ms", "1000"],
            adminAddress: $"{address}:15000", timeout: TimeSpan.FromSeconds(60));
        return (proxy, address);
    }

    /// <summary>Sends each request until it gets what it must (config arrives by push), or says what it got last.</summary>
    private static async Task<string?> RunAsync(ConformanceScenario scenario, HttpClient http, string gateway, GatewayLab lab)
    {
        foreach (var expected in scenario.Requests)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            string? problem;
            do
            {
                problem = await OnceAsync(expected, http, gateway, lab);
                if (problem is null)
                    break;
                await Task.Delay(100);
            }
            while (DateTime.UtcNow < deadline);
            if (problem is not null)
                return $"{expected}: {problem}";
        }
        return null;
    }

    private static int _requestId;

    private static async Task<string?> OnceAsync(ConformanceRequest expected, HttpClient http, string gateway, GatewayLab lab)
    {
        var id = Interlocked.Increment(ref _requestId).ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(new HttpMethod(expected.Method), $"http://{gateway}{expected.Path}");
        request.Headers.Host = expected.Host ?? gateway;
        request.Headers.Add("x-conformance-request", id);
        foreach (var (k, v) in expected.Headers)
            request.Headers.TryAddWithoutValidation(k, v);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return e.Message;
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var backend = response.Headers.TryGetValues("x-backend", out var b) ? b.First() : null;
            if (status != expected.Status)
                return $"status {status} (backend {backend ?? "none"}), expected {expected.Status}";
            if (expected.Backend is { } want && backend != want)
                return $"answered by {backend ?? "no backend"}, expected {want}";
            if (expected.Location is { } location && response.Headers.Location?.OriginalString != location.Replace("{gw}", gateway, StringComparison.Ordinal))
                return $"location {response.Headers.Location?.OriginalString ?? "(none)"}, expected {location.Replace("{gw}", gateway, StringComparison.Ordinal)}";
            foreach (var (name, value) in expected.ResponseHeaders)
            {
                var got = response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
                if (got != value)
                    return $"response header {name}: {got ?? "(absent)"}, expected {value}";
            }
        }
        if (expected.MirroredTo is { } mirror)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (Head(lab, mirror, id) is null && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            if (Head(lab, mirror, id) is null)
                return $"no copy reached {mirror}";
        }
        if (expected.BackendPath is null && expected.BackendHost is null && expected.BackendHeaders.Count == 0 && expected.BackendAbsent.Count == 0)
            return null;
        var head = Head(lab, expected.Backend ?? "infra-backend-v1", id);
        if (head is null)
            return "the backend has no record of the request";
        var lines = head.Split("\r\n");
        var target = lines[0].Split(' ')[1];
        if (expected.BackendPath is { } p && target != p)
            return $"the backend got path {target}, expected {p}";
        if (expected.BackendHost is { } h && HeaderValue(lines, "host") != h)
            return $"the backend got host {HeaderValue(lines, "host")}, expected {h}";
        foreach (var (name, value) in expected.BackendHeaders)
            if (HeaderValue(lines, name)?.Replace(" ", "", StringComparison.Ordinal) != value)
                return $"the backend got {name}: {HeaderValue(lines, name) ?? "(absent)"}, expected {value}";
        foreach (var name in expected.BackendAbsent)
            if (HeaderValue(lines, name) is { } present)
                return $"the backend got {name}: {present}, which should have been removed";
        return null;
    }

    private static string? Head(GatewayLab lab, string backend, string id) =>
        lab.Backends.Single(b => b.Name == backend).Heads.LastOrDefault(h => h.Contains($"\r\nx-conformance-request: {id}\r", StringComparison.OrdinalIgnoreCase) || h.EndsWith($"\r\nx-conformance-request: {id}", StringComparison.OrdinalIgnoreCase));

    /// <summary>Every value of a header, one line each or comma-joined, as one comma-joined value; null when absent.</summary>
    private static string? HeaderValue(string[] lines, string name)
    {
        var values = lines.Skip(1).Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)).Select(l => l[(name.Length + 1)..].Trim()).ToList();
        return values.Count == 0 ? null : string.Join(",", values);
    }

    /// <summary>70/30/0: out of 200 requests v3 gets none and v1's share is within a wide band of 70%.</summary>
    private static async Task<string?> WeightsAsync(HttpClient http, string gateway, GatewayLab lab)
    {
        var settled = await RunAsync(new ConformanceScenario("", "", [new ConformanceRequest("/") { Backend = null }]), http, gateway, lab);
        if (settled is not null)
            return settled;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 200; i++)
        {
            using var r = await http.GetAsync(new Uri($"http://{gateway}/"));
            var backend = r.Headers.TryGetValues("x-backend", out var b) ? b.First() : $"HTTP {(int)r.StatusCode}";
            counts[backend] = counts.GetValueOrDefault(backend) + 1;
        }
        var v1 = counts.GetValueOrDefault("infra-backend-v1");
        var v2 = counts.GetValueOrDefault("infra-backend-v2");
        return v1 + v2 == 200 && v1 is >= 110 and <= 170 ? null : $"got {string.Join(", ", counts.Select(kv => $"{kv.Key}={kv.Value}"))}, expected about 140/60/0";
    }
}
