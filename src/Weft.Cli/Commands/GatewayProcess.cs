using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Weft.Api.Documents;
using Weft.Cli.Http;
using Weft.Cli.Workloads;

namespace Weft.Cli.Commands;

/// <summary>
/// One gateway proxy (<c>weft-proxy --mode gateway</c>) registered like any workload: a
/// WorkloadEntry with its labels (what Gateway selectors and the Gateway API's
/// <c>gateway.networking.k8s.io/gateway-name</c> label find), a certificate for its service
/// account from a bootstrap token when the control plane has a CA endpoint, and its admin
/// endpoint on ADDR:15000. Its files live in <c>~/.weft/gateways/NS/NAME</c> (proxy data, token,
/// log, and the pid of a detached runner).
/// </summary>
public sealed partial class GatewayProcess : IAsyncDisposable
{
    private readonly Process _proxy;
    private readonly ApiClient _api;
    private readonly GatewaySpec _spec;
    private bool _ownsService;

    private GatewayProcess(Process proxy, ApiClient api, GatewaySpec spec)
    {
        _proxy = proxy;
        _api = api;
        _spec = spec;
    }

    public bool HasExited => _proxy.HasExited;

    public Task WaitForExitAsync(CancellationToken ct) => _proxy.WaitForExitAsync(ct);

    /// <summary>What to run; <see cref="Validate"/> reports every problem.</summary>
    public sealed record GatewaySpec(string Name, string Namespace, IReadOnlyDictionary<string, string> Labels, string ServiceAccount,
        string Listen, string AdminAddress, IReadOnlyList<int> Ports, string DiscoveryAddress)
    {
        public string Id => $"{Namespace}/{Name}";

        public IReadOnlyList<string> Validate()
        {
            var errors = new List<string>();
            if (!Dns1123().IsMatch(Name) || Name.Length > 63)
                errors.Add($"gateway name \"{Name}\" is invalid: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', start and end with one, and be at most 63 characters");
            if (!Dns1123().IsMatch(Namespace) || Namespace.Length > 63)
                errors.Add($"namespace \"{Namespace}\" is invalid: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', start and end with one, and be at most 63 characters");
            if (!IPAddress.TryParse(Listen, out var ip))
                errors.Add($"cannot parse \"{Listen}\" for --listen: expected an IP address such as 127.0.0.1");
            else if (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
                errors.Add($"--listen {Listen} would bind every address; give the one address the gateway serves on");
            foreach (var p in Ports)
                if (p is < 1 or > 65535)
                    errors.Add($"port {p} is invalid: expected 1 to 65535");
            foreach (var p in Ports.Where(p => p is 15000 or 15090 or 15021))
                errors.Add($"port {p} is reserved for the gateway proxy itself (15000 admin, 15021 health, 15090 metrics)");
            if (!IPEndPoint.TryParse(AdminAddress, out _))
                errors.Add($"cannot parse \"{AdminAddress}\" for --admin-address: expected IP:PORT such as 127.0.0.1:15000");
            if (!Uri.TryCreate(DiscoveryAddress, UriKind.Absolute, out _))
                errors.Add($"cannot parse \"{DiscoveryAddress}\" for --discovery-address: expected a URL such as http://127.0.0.1:15012");
            return errors;
        }
    }

    public static string DirectoryOf(CliEnvironment env, string ns, string name) => Path.Combine(env.WeftHome, "gateways", ns, name);

    public static string WorkloadEntryPath(string ns, string name) =>
        $"apis/networking.istio.io/v1/namespaces/{Uri.EscapeDataString(ns)}/workloadentries/{Uri.EscapeDataString(name)}";

    /// <summary>Registers the gateway, starts its proxy and returns once the proxy serves its first snapshot.</summary>
    public static async Task<GatewayProcess> StartAsync(CliEnvironment env, ApiClient api, GatewaySpec spec, Action<string> log, CancellationToken ct)
    {
        var dir = DirectoryOf(env, spec.Namespace, spec.Name);
        Directory.CreateDirectory(dir);
        await RegisterAsync(api, spec, ct);
        var ownsService = await RegisterServiceAsync(api, spec, ct);
        var args = new List<string>
        {
            Config.ProgramLocator.Proxy(env), "--mode", "gateway",
            "--discovery-address", spec.DiscoveryAddress, "--data-dir", Path.Combine(dir, "proxy"),
            "--name", spec.Name, "--namespace", spec.Namespace, "--service-account", spec.ServiceAccount,
            "--address", spec.Listen, "--admin-address", spec.AdminAddress, "--kind", "Process",
            "--labels", string.Join(",", spec.Labels.Select(kv => $"{kv.Key}={kv.Value}")),
            "--reconnect-initial-ms", "200", "--reconnect-max-ms", "2000",
        };
        args.AddRange(await CertificateArgsAsync(api, spec, dir, log, ct));
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        var logFile = Path.Combine(dir, "proxy.log");
        var writer = new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var proxy = Process.Start(psi) ?? throw new CliException("could not start weft-proxy");
        void Write(string? line)
        {
            if (line is null)
                return;
            lock (writer)
                writer.WriteLine(line);
        }
        proxy.OutputDataReceived += (_, e) => Write(e.Data);
        proxy.ErrorDataReceived += (_, e) => Write(e.Data);
        proxy.BeginOutputReadLine();
        proxy.BeginErrorReadLine();
        _ = proxy.WaitForExitAsync(CancellationToken.None).ContinueWith(_ => { lock (writer) writer.Dispose(); }, TaskScheduler.Default);
        var gateway = new GatewayProcess(proxy, api, spec) { _ownsService = ownsService };
        try
        {
            await gateway.WaitReadyAsync(logFile, ct);
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
        return gateway;
    }

    private async Task WaitReadyAsync(string logFile, CancellationToken ct)
    {
        using var admin = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        // A first certificate over weftd's TLS port comes before the first snapshot: on a loaded
        // machine (a demo starting ten workloads beside it) that took over a minute.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(180);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (_proxy.HasExited || DateTime.UtcNow > deadline)
            {
                var why = _proxy.HasExited ? $"exited with code {_proxy.ExitCode}" : "did not serve within 180s";
                var tail = File.Exists(logFile) ? string.Join("\n  ", (await WorkloadHome.ReadSharedAsync(logFile, ct)).Split('\n').TakeLast(15)) : "";
                throw new CliException($"the gateway proxy of {_spec.Id} {why}; the last lines of {logFile}:\n  {tail}");
            }
            try
            {
                using var r = await admin.GetAsync(new Uri($"http://{_spec.AdminAddress}/ready"), ct);
                if (r.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            await Task.Delay(100, ct);
        }
    }

    /// <summary>Creates or updates the gateway's WorkloadEntry (address, labels, service account, ports).</summary>
    private static async Task RegisterAsync(ApiClient api, GatewaySpec spec, CancellationToken ct)
    {
        var labels = spec.Labels.Select(kv => (kv.Key, (Node)ScalarNode.String(kv.Value))).ToArray();
        var ports = spec.Ports.Select(p => ($"port-{p.ToString(CultureInfo.InvariantCulture)}", (Node)ScalarNode.Integer(p))).ToArray();
        var fields = new List<(string, Node)>
        {
            ("address", ScalarNode.String(spec.Listen)),
            ("labels", MapNode.Of(labels)),
            ("serviceAccount", ScalarNode.String(spec.ServiceAccount)),
        };
        if (ports.Length > 0)
            fields.Add(("ports", MapNode.Of(ports)));
        var entry = MapNode.Of(
            ("apiVersion", ScalarNode.String("networking.istio.io/v1")),
            ("kind", ScalarNode.String("WorkloadEntry")),
            ("metadata", MapNode.Of(
                ("name", ScalarNode.String(spec.Name)),
                ("namespace", ScalarNode.String(spec.Namespace)),
                ("annotations", MapNode.Of(("weft.io/gateway", ScalarNode.String("true")))))),
            ("spec", MapNode.Of([.. fields])));
        var list = MapNode.Of(
            ("apiVersion", ScalarNode.String("v1")),
            ("kind", ScalarNode.String("List")),
            ("items", new SeqNode([entry])));
        await api.PostAsync("apis/weft.io/v1/apply", list, ct);
    }

    public static string ServicePath(string ns, string name) =>
        $"api/v1/namespaces/{Uri.EscapeDataString(ns)}/services/{Uri.EscapeDataString(name)}";

    /// <summary>
    /// Istio's installation gives each gateway a Service of its name (istio-egressgateway.istio-system.svc.cluster.local
    /// is what the egress task's mesh hop routes to): a gateway run with --port gets one selecting its labels,
    /// unless a Service of that name exists that `weft gateway run` did not write (the user's stays as it is).
    /// Port 443 is named https, the others http-PORT (80: http). Returns whether the Service is the gateway's own.
    /// </summary>
    private static async Task<bool> RegisterServiceAsync(ApiClient api, GatewaySpec spec, CancellationToken ct)
    {
        if (spec.Ports.Count == 0)
            return false;
        try
        {
            var existing = await api.GetAsync(ServicePath(spec.Namespace, spec.Name), ct) as MapNode;
            if (existing?.GetMap("metadata")?.GetMap("annotations")?.GetString(GatewayAnnotation) != "true")
                return false;
        }
        catch (ApiException e) when (e.Status.Code == 404)
        {
        }
        var ports = spec.Ports.Distinct().Order().Select(p => (Node)MapNode.Of(
            ("name", ScalarNode.String(p switch { 443 => "https", 80 => "http", _ => $"http-{p.ToString(CultureInfo.InvariantCulture)}" })),
            ("port", ScalarNode.Integer(p)))).ToList();
        var service = MapNode.Of(
            ("apiVersion", ScalarNode.String("v1")),
            ("kind", ScalarNode.String("Service")),
            ("metadata", MapNode.Of(
                ("name", ScalarNode.String(spec.Name)),
                ("namespace", ScalarNode.String(spec.Namespace)),
                ("annotations", MapNode.Of((GatewayAnnotation, ScalarNode.String("true")))))),
            ("spec", MapNode.Of(
                ("selector", MapNode.Of([.. spec.Labels.Select(kv => (kv.Key, (Node)ScalarNode.String(kv.Value)))])),
                ("ports", new SeqNode(ports)))));
        await api.PostAsync("apis/weft.io/v1/apply", MapNode.Of(
            ("apiVersion", ScalarNode.String("v1")),
            ("kind", ScalarNode.String("List")),
            ("items", new SeqNode([service]))), ct);
        return true;
    }

    /// <summary>Marks what `weft gateway run` registered (its WorkloadEntry and Service).</summary>
    private const string GatewayAnnotation = "weft.io/gateway";

    /// <summary>A bootstrap token for the gateway's first certificate (none once one is saved), when the control plane has a CA endpoint.</summary>
    private static async Task<IEnumerable<string>> CertificateArgsAsync(ApiClient api, GatewaySpec spec, string dir, Action<string> log, CancellationToken ct)
    {
        var body = MapNode.Of(
            ("apiVersion", ScalarNode.String("weft.io/v1")),
            ("kind", ScalarNode.String("BootstrapToken")),
            ("spec", MapNode.Of(("serviceAccount", ScalarNode.String(spec.ServiceAccount)), ("expirationSeconds", ScalarNode.Integer(600)))));
        MapNode? status;
        try
        {
            status = (await api.PostAsync($"apis/weft.io/v1/namespaces/{Uri.EscapeDataString(spec.Namespace)}/bootstraptokens", body, ct) as MapNode)?.GetMap("status");
        }
        catch (ApiException e)
        {
            log($"No certificate for gateway {spec.Id}: the control plane refused a bootstrap token ({e.Message}); it runs without one.");
            return [];
        }
        if (status?.GetString("caAddress") is not { } ca || status.GetString("token") is not { } token)
        {
            log($"No certificate for gateway {spec.Id}: the control plane has no certificate endpoint (start weftd with --ca-listen); it runs without one.");
            return [];
        }
        var rootFile = Path.Combine(dir, "root-cert.pem");
        await File.WriteAllTextAsync(rootFile, status.GetString("rootCertificates") ?? "", ct);
        var tokenFile = Path.Combine(dir, "bootstrap-token");
        await File.WriteAllTextAsync(tokenFile, "", ct);
        File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(tokenFile, token, ct);
        return ["--ca-address", ca, "--token-file", tokenFile, "--ca-root-file", rootFile];
    }

    /// <summary>Stops the proxy (SIGTERM, then kill after 15 s) and removes the WorkloadEntry.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_proxy.HasExited)
        {
            using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _proxy.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
                kill?.WaitForExit();
            await _proxy.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!_proxy.HasExited)
                _proxy.Kill(entireProcessTree: true);
        }
        _proxy.Dispose();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _api.DeleteAsync(WorkloadEntryPath(_spec.Namespace, _spec.Name), cts.Token);
            if (_ownsService)
                await _api.DeleteAsync(ServicePath(_spec.Namespace, _spec.Name), cts.Token);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or OperationCanceledException or CliException)
        {
            // Already gone, or the control plane is down: nothing more to undo here.
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123();
}
