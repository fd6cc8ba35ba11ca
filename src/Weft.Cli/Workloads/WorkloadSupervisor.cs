using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Weft.Cli.Http;

namespace Weft.Cli.Workloads;

/// <summary>
/// Runs one workload as a mesh member on this machine, as a VM's init system plus Istio's agent
/// would: its own loopback address; the app told HOST, PORT and HTTP_PROXY; a weft-proxy sidecar
/// (inbound on ADDR:PORT to the app on a private port, outbound on ADDR:15001) or, outside the
/// mesh, a <see cref="PlainForwarder"/>; a WorkloadEntry registered through the REST API and
/// removed on stop; the app restarted with back-off when it dies; the sidecar added or removed
/// (by restarting the app) when the entry's inject annotation or the namespace's membership says
/// so; and the entry's Healthy condition kept to whether the app accepts connections.
/// <para>Start with <see cref="StartAsync"/>, stop with <see cref="StopAsync"/>. Reused by
/// `weft workload run`, `weft demo` and gateways.</para>
/// </summary>
public sealed class WorkloadSupervisor : IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableRun = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan HealthConfirmPeriod = TimeSpan.FromSeconds(20);

    private readonly WorkloadSpec _spec;
    private readonly SupervisorSettings _s;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _dir;
    private readonly string _supervisorId = $"{Dns.GetHostName()}/{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";
    private Task _loop = Task.CompletedTask;
    private ChildProcess? _app;
    private ChildProcess? _sidecar;
    private PlainForwarder? _forwarder;
    private NetnsSandbox? _netns;
    private readonly Dictionary<string, string> _relayed = new(StringComparer.Ordinal);
    private int[] _appPorts = [];
    private DateTimeOffset _appStarted;
    private TimeSpan _appBackoff = TimeSpan.FromSeconds(1);
    private DateTimeOffset? _appRestartAt;
    private bool? _healthy;
    private DateTimeOffset _nextHealthCheck;
    private DateTimeOffset _healthConfirmAt;
    private int _stopped;
    private bool _generationFailed;

    private WorkloadSupervisor(WorkloadSpec spec, SupervisorSettings settings, string address)
    {
        _spec = spec;
        _s = settings;
        Address = address;
        _dir = Path.Combine(settings.StateDirectory, spec.Namespace, spec.Name);
    }

    public WorkloadSpec Spec => _spec;

    /// <summary>The workload's own loopback address.</summary>
    public string Address { get; }

    /// <summary>Whether the current generation runs with a sidecar.</summary>
    public bool HasSidecar { get; private set; }

    /// <summary>Where the app's outbound calls go: the sidecar's outbound listener, or the plain forwarder in its place.</summary>
    public string OutboundProxy => $"http://{Address}:15001";

    /// <summary>Finishes when the supervisor stops.</summary>
    public Task Completion => _loop;

    /// <summary>The folder of this workload's files (sidecar data, token, logs).</summary>
    public string Directory => _dir;

    /// <summary>
    /// Allocates the address, registers the WorkloadEntry and starts the app (with its sidecar
    /// when it should have one); returns once they run. Throws what went wrong, having undone it.
    /// </summary>
    public static async Task<WorkloadSupervisor> StartAsync(WorkloadSpec spec, SupervisorSettings settings, CancellationToken ct)
    {
        var errors = spec.Validate();
        if (errors.Count > 0)
            throw new CliException(string.Join("\n", errors), ExitCodes.BadInput);
        // --isolation netns: a network namespace and address of its own, traffic intercepted transparently.
        var netns = spec.Isolation == WorkloadSpec.NetnsIsolation
            ? await NetnsSandbox.CreateAsync(settings.StateDirectory, spec.Namespace, spec.Name, Interception(spec, settings), settings.Log, ct, spec.Ports) : null;
        var address = netns?.Address ?? settings.Addresses.Allocate(spec.Id, spec.Ports);
        var supervisor = new WorkloadSupervisor(spec, settings, address) { _netns = netns };
        try
        {
            System.IO.Directory.CreateDirectory(supervisor._dir);
            await supervisor.RegisterAsync(ct);
            await settings.View.RefreshAsync(ct);
            var sidecar = settings.View.Current.WantsSidecar(spec.Namespace, spec.Name, spec.Sidecar);
            await supervisor.StartGenerationAsync(sidecar, ct);
        }
        catch
        {
            await supervisor.StopAsync();
            throw;
        }
        supervisor._loop = Task.Run(() => supervisor.LoopAsync(supervisor._stop.Token), CancellationToken.None);
        return supervisor;
    }

    /// <summary>Stops the app and its sidecar, removes the registration and frees the address. Safe to call twice.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return;
        }
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await StopGenerationAsync();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var path = MeshApi.WorkloadEntryPath(_spec.Namespace, _spec.Name);
            var entry = await _s.Api.TryGetAsync(path, cts.Token);
            // Only our own registration: another supervisor may have taken the name over.
            if (entry is not null && MeshState.Str(entry, "metadata", "annotations", WorkloadAnnotations.Supervisor) == _supervisorId)
                await _s.Api.DeleteAsync(path, cts.Token);
            _s.Log($"[{_spec.Id}] stopped; WorkloadEntry removed");
        }
        catch (Exception e) when (e is CliException or ApiException or OperationCanceledException or HttpRequestException)
        {
            _s.Log($"[{_spec.Id}] stopped, but its WorkloadEntry could not be removed: {e.Message}");
        }
        _s.Addresses.Release(_spec.Id);
        if (_netns is { } netns)
        {
            await netns.DisposeAsync();
            _s.Log($"[{_spec.Id}] network namespace {netns.Name} removed");
        }
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_s.Tick, _s.Time, ct);
                await TickAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is CliException or ApiException or HttpRequestException or IOException)
            {
                _s.Log($"[{_spec.Id}] {e.Message}; trying again");
                await Task.Delay(TimeSpan.FromSeconds(2), _s.Time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        var now = _s.Time.GetUtcNow();
        var wants = _s.View.Current.WantsSidecar(_spec.Namespace, _spec.Name, _spec.Sidecar);
        if (wants != HasSidecar || _generationFailed)
        {
            _s.Log(_generationFailed
                ? $"[{_spec.Id}] starting again {(wants ? "with" : "without")} a sidecar"
                : $"[{_spec.Id}] restarting {(wants ? "with" : "without")} a sidecar");
            await StopGenerationAsync();
            await StartGenerationAsync(wants, ct);
            return;
        }
        if (_sidecar is { HasExited: true } sidecar)
        {
            // The app keeps its address and private port; only the sidecar comes back.
            _s.Log($"[{_spec.Id}] sidecar exited with code {sidecar.ExitCode}; starting it again");
            await sidecar.DisposeAsync();
            _sidecar = null;
            _sidecar = await StartSidecarAsync(ct);
        }
        if (_app is { HasExited: true } app)
        {
            if (_appRestartAt is null)
            {
                if (now - _appStarted > StableRun)
                    _appBackoff = TimeSpan.FromSeconds(1);
                _appRestartAt = now + _appBackoff;
                _s.Log($"[{_spec.Id}] app exited with code {app.ExitCode}; restarting it in {_appBackoff.TotalSeconds:0}s");
                _appBackoff = TimeSpan.FromTicks(Math.Min(_appBackoff.Ticks * 2, MaxBackoff.Ticks));
            }
            else if (now >= _appRestartAt)
            {
                await app.DisposeAsync();
                _app = null;
                _appRestartAt = null;
                StartApp();
            }
        }
        if (now >= _nextHealthCheck)
        {
            _nextHealthCheck = now + TimeSpan.FromSeconds(2);
            await CheckHealthAsync(ct);
        }
    }

    /// <summary>Starts the sidecar (or the plain forwarder) and then the app.</summary>
    private async Task StartGenerationAsync(bool sidecar, CancellationToken ct)
    {
        // Until it has all started, a failure leaves nothing running: the next tick starts it again.
        _generationFailed = true;
        // In a fresh network namespace only the sidecar's ports are taken: a free loopback port number is free there too.
        _appPorts = sidecar ? _spec.Ports.Select(_ => FreePort(_netns is null ? Address : "127.0.0.1")).ToArray() : [.. _spec.Ports];
        HasSidecar = sidecar;
        if (sidecar)
            _sidecar = await StartSidecarAsync(ct);
        else
            _forwarder = await PlainForwarder.StartAsync(Address, 15001, _spec.Namespace, () => _s.View.Current, ct);
        StartApp();
        _healthy = null;
        _nextHealthCheck = _s.Time.GetUtcNow() + TimeSpan.FromSeconds(1);
        await _s.Api.UpdateAsync(MeshApi.WorkloadEntryPath(_spec.Namespace, _spec.Name), e =>
        {
            var annotations = Annotations(e);
            var labels = e["spec"]?["labels"] as JsonObject;
            var value = sidecar ? "true" : "false";
            var tls = labels?[WorkloadAnnotations.TlsModeLabel]?.GetValue<string>();
            if (MeshState.Str(e, "metadata", "annotations", WorkloadAnnotations.Sidecar) == value && (tls == "istio") == sidecar)
                return false;
            annotations[WorkloadAnnotations.Sidecar] = value;
            if (labels is not null)
            {
                if (sidecar)
                    labels[WorkloadAnnotations.TlsModeLabel] = "istio";
                else
                    labels.Remove(WorkloadAnnotations.TlsModeLabel);
            }
            return true;
        }, ct);
        _generationFailed = false;
        _s.Log($"[{_spec.Id}] running at {Address}{(_spec.Ports.IsEmpty ? "" : ":" + string.Join(",", _spec.Ports))} {(sidecar ? "with a sidecar" : "without a sidecar")}");
    }

    private async Task StopGenerationAsync()
    {
        var stops = new List<Task>();
        if (_app is { } app)
            stops.Add(app.DisposeAsync().AsTask());
        if (_sidecar is { } sidecar)
            stops.Add(sidecar.DisposeAsync().AsTask());
        if (_forwarder is { } forwarder)
            stops.Add(forwarder.DisposeAsync().AsTask());
        await Task.WhenAll(stops);
        (_app, _sidecar, _forwarder, _appRestartAt) = (null, null, null, null);
    }

    private void StartApp()
    {
        var env = new Dictionary<string, string?>(_s.ChildEnvironment, StringComparer.Ordinal)
        {
            ["HOST"] = Address,
            ["HTTP_PROXY"] = OutboundProxy,
            ["http_proxy"] = OutboundProxy,
            ["NO_PROXY"] = null,
            ["no_proxy"] = null,
            ["WEFT_WORKLOAD"] = _spec.Name,
            ["WEFT_NAMESPACE"] = _spec.Namespace,
        };
        if (_appPorts.Length > 0)
            env["PORT"] = _appPorts[0].ToString(CultureInfo.InvariantCulture);
        if (_netns is not null)
        {
            // Transparent interception: the app calls services by name, unmodified; no proxy variables.
            foreach (var k in new[] { "HTTP_PROXY", "http_proxy" })
                env[k] = null;
        }
        foreach (var (k, v) in _spec.Environment)
            env[k] = v;
        _app = ChildProcess.Start("app", _netns?.Wrap(_spec.Command, proxy: false) ?? _spec.Command, env, _s.Output(_spec, "app"));
        _appStarted = _s.Time.GetUtcNow();
    }

    private async Task<ChildProcess> StartSidecarAsync(CancellationToken ct)
    {
        var dataDir = Path.Combine(_dir, "proxy");
        var args = new List<string>
        {
            _s.ProxyProgram,
            "--discovery-address", _s.DiscoveryAddress, "--data-dir", dataDir,
            "--name", _spec.Name, "--namespace", _spec.Namespace, "--service-account", _spec.ServiceAccount,
            "--address", Address, "--kind", _spec.Kind, "--admin-address", $"{Address}:15000",
            "--drain-seconds", "1", "--reconnect-initial-ms", "200", "--reconnect-max-ms", "2000",
        };
        var labels = _spec.Labels.SetItem(WorkloadAnnotations.TlsModeLabel, "istio");
        args.AddRange(["--labels", string.Join(",", labels.Select(kv => $"{kv.Key}={kv.Value}"))]);
        for (var i = 0; i < _spec.Ports.Length; i++)
            args.AddRange(["--inbound", $"{_spec.Ports[i].ToString(CultureInfo.InvariantCulture)}={Address}:{_appPorts[i].ToString(CultureInfo.InvariantCulture)}"]);
        if (_s.Certificates)
            args.AddRange(await CertificateArgsAsync(dataDir, ct));
        if (_netns is not null)
            await NetnsArgsAsync(args, ct);
        var output = _s.Output(_spec, "sidecar");
        var tail = new Queue<string>();
        var sidecar = ChildProcess.Start("sidecar", _netns?.Wrap(args, proxy: true) ?? args, _s.ChildEnvironment, line =>
        {
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 20)
                    tail.Dequeue();
            }
            output(line);
        });
        using var admin = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = _s.Time.GetUtcNow() + _s.SidecarReadyTimeout;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (sidecar.HasExited || _s.Time.GetUtcNow() > deadline)
            {
                var why = sidecar.HasExited ? $"exited with code {sidecar.ExitCode}" : $"did not serve within {_s.SidecarReadyTimeout.TotalSeconds:0}s";
                await sidecar.DisposeAsync();
                string last;
                lock (tail)
                    last = string.Join("\n  ", tail);
                throw new CliException($"the sidecar of {_spec.Id} {why}; its last lines:\n  {last}");
            }
            try
            {
                using var r = await admin.GetAsync(new Uri($"http://{Address}:15000/ready"), ct);
                if (r.IsSuccessStatusCode)
                    return sidecar;
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

    /// <summary>
    /// In a network namespace: transparent interception, and weftd's discovery and CA addresses
    /// (loopback in the root namespace) replaced by relays on the bridge, one per address for the
    /// supervisor's life.
    /// </summary>
    private async Task NetnsArgsAsync(List<string> args, CancellationToken ct)
    {
        args.AddRange(["--interception", "transparent"]);
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] is not ("--discovery-address" or "--ca-address"))
                continue;
            if (!_relayed.TryGetValue(args[i + 1], out var relayed))
            {
                relayed = await _netns!.RelayAsync(args[i + 1], ct);
                _relayed[args[i + 1]] = relayed;
            }
            args[i + 1] = relayed;
        }
    }

    /// <summary>A bootstrap token for the first certificate (none once one is saved), and the CA's address.</summary>
    private async Task<string[]> CertificateArgsAsync(string dataDir, CancellationToken ct)
    {
        var hasCertificate = File.Exists(Path.Combine(dataDir, "certs", "cert-chain.pem"));
        JsonObject? answer;
        try
        {
            answer = await _s.Api.PostAsync($"apis/weft.io/v1/namespaces/{Uri.EscapeDataString(_spec.Namespace)}/bootstraptokens", new JsonObject
            {
                ["apiVersion"] = "weft.io/v1",
                ["kind"] = "BootstrapToken",
                ["spec"] = new JsonObject { ["serviceAccount"] = _spec.ServiceAccount, ["expirationSeconds"] = 600 },
            }, ct);
        }
        catch (ApiException e)
        {
            _s.Log($"[{_spec.Id}] no certificate for the sidecar (the control plane refused a bootstrap token: {e.Status.Message}); it can only reach a plaintext discovery address (weftd --insecure-discovery-listen)");
            return [];
        }
        var status = answer?["status"] as JsonObject;
        if (MeshState.Str(status, "caAddress") is not { Length: > 0 } ca)
            return [];
        if (hasCertificate)
            return ["--ca-address", ca];
        var tokenFile = Path.Combine(_dir, "bootstrap-token");
        var rootFile = Path.Combine(_dir, "root-cert.pem");
        await File.WriteAllTextAsync(tokenFile, "", ct);
        File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(tokenFile, MeshState.Str(status, "token") ?? "", ct);
        await File.WriteAllTextAsync(rootFile, MeshState.Str(status, "rootCertificates") ?? "", ct);
        return ["--ca-address", ca, "--token-file", tokenFile, "--ca-root-file", rootFile];
    }

    /// <summary>
    /// The interception its annotations ask for: those of a WorkloadEntry of its name already
    /// registered (the user's), overridden by <c>--annotation</c>.
    /// </summary>
    private static InterceptionSettings Interception(WorkloadSpec spec, SupervisorSettings settings)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (settings.View.Current.Entry(spec.Namespace, spec.Name)?["metadata"]?["annotations"] is JsonObject existing)
            foreach (var (k, v) in existing)
                if (k.StartsWith("traffic.sidecar.istio.io/", StringComparison.Ordinal) && v is JsonValue value && value.TryGetValue<string>(out var text))
                    annotations[k] = text;
        foreach (var (k, v) in spec.Annotations)
            annotations[k] = v;
        var errors = new List<string>();
        var parsed = InterceptionSettings.Parse(annotations, errors);
        return errors.Count == 0 ? parsed : throw new CliException($"workload {spec.Id}: " + string.Join("; ", errors), ExitCodes.BadInput);
    }

    /// <summary>Creates the WorkloadEntry, or takes over one of the same name keeping what the user set on it (inject).</summary>
    private async Task RegisterAsync(CancellationToken ct)
    {
        var path = MeshApi.WorkloadEntryPath(_spec.Namespace, _spec.Name);
        var labels = new JsonObject(_spec.Labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
        void Fill(JsonObject e)
        {
            var annotations = Annotations(e);
            foreach (var (k, v) in _spec.Annotations)
                annotations[k] = v;
            annotations[WorkloadAnnotations.Kind] = _spec.Kind;
            annotations[WorkloadAnnotations.Supervisor] = _supervisorId;
            annotations.Remove(WorkloadAnnotations.Sidecar);
            if (_spec.Sidecar is { } sidecar)
                annotations[WorkloadAnnotations.Inject] = sidecar ? "true" : "false";
            e["spec"] = new JsonObject
            {
                ["address"] = Address,
                ["labels"] = labels.DeepClone(),
                ["serviceAccount"] = _spec.ServiceAccount,
            };
        }
        var updated = await _s.Api.UpdateAsync(path, e =>
        {
            Fill(e);
            return true;
        }, ct);
        if (updated)
            return;
        var entry = new JsonObject
        {
            ["apiVersion"] = "networking.istio.io/v1",
            ["kind"] = "WorkloadEntry",
            ["metadata"] = new JsonObject { ["name"] = _spec.Name, ["namespace"] = _spec.Namespace },
        };
        Fill(entry);
        await _s.Api.PostAsync(MeshApi.WorkloadEntriesIn(_spec.Namespace), entry, ct);
    }

    /// <summary>Whether the app accepts connections; the entry's Healthy condition follows it.</summary>
    private async Task CheckHealthAsync(CancellationToken ct)
    {
        bool healthy;
        if (_app is null || _app.HasExited)
            healthy = false;
        else if (_appPorts.Length == 0)
            healthy = true;
        else
        {
            try
            {
                using var c = new TcpClient();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                await c.ConnectAsync(IPAddress.Parse(Address), _appPorts[0], timeout.Token);
                healthy = true;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                healthy = false;
            }
        }
        // Unchanged: written already, but looked at again now and then, so a condition someone
        // else overwrote is put right (the status is read, and written only when it differs).
        var at = _s.Time.GetUtcNow();
        if (healthy == _healthy && at < _healthConfirmAt)
            return;
        var now = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var wanted = healthy ? "True" : "False";
        var ok = await _s.Api.UpdateAsync(MeshApi.WorkloadEntryPath(_spec.Namespace, _spec.Name) + "/status", e =>
        {
            if (healthy == _healthy && e["status"]?["conditions"] is JsonArray conditions
                && conditions.Any(c => c?["type"]?.GetValue<string>() == "Healthy" && c["status"]?.GetValue<string>() == wanted))
                return false;
            if (healthy == _healthy)
                _s.Log($"[{_spec.Id}] its WorkloadEntry's Healthy condition was changed by someone else; setting it back to {wanted}");
            // Other status fields (analysis' validationMessages) stay.
            var status = e["status"] as JsonObject ?? new JsonObject();
            status["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Healthy",
                ["status"] = wanted,
                ["lastTransitionTime"] = now,
                ["reason"] = healthy ? "Accepting" : "NotAccepting",
                ["message"] = healthy ? "the app accepts connections" : "the app does not accept connections",
            });
            e["status"] = status;
            return true;
        }, ct);
        if (ok)
        {
            _healthy = healthy;
            _healthConfirmAt = at + HealthConfirmPeriod;
        }
    }

    private static JsonObject Annotations(JsonObject entry)
    {
        var metadata = entry["metadata"] as JsonObject ?? new JsonObject();
        entry["metadata"] = metadata;
        if (metadata["annotations"] is not JsonObject annotations)
        {
            annotations = new JsonObject();
            metadata["annotations"] = annotations;
        }
        return annotations;
    }

    private static int FreePort(string address)
    {
        using var l = new TcpListener(IPAddress.Parse(address), 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
