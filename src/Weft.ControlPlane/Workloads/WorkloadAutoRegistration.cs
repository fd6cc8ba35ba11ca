using System.Globalization;
using System.Text.Json.Nodes;
using Weft.Api.Kinds;
using Weft.ControlPlane.Resources;
using Weft.ControlPlane.Resources.Labels;
using Weft.Discovery.Protocol;

namespace Weft.ControlPlane.Workloads;

/// <summary>
/// WorkloadGroup auto-registration, as istiod does it: a proxy that connects naming a
/// WorkloadGroup (weft-proxy <c>--workload-group NAME</c>) gets a WorkloadEntry
/// <c>GROUP-ADDRESS</c> built from the group's template (labels, annotations, ports, service
/// account) plus its own address and labels. Its push stream is the heartbeat: when it closes,
/// the entry is marked <c>istio.io/disconnectedAt</c> and removed once the proxy has been away
/// longer than the grace period; a proxy that comes back in time keeps its entry. The state
/// lives in the entries' annotations, so a restarted weftd carries on where it stopped.
/// </summary>
public sealed partial class WorkloadAutoRegistration(
    Func<IReadOnlyList<ProxyStatus>> proxies, ResourceService resources, TimeSpan grace, TimeProvider time, ILogger<WorkloadAutoRegistration> log) : IAsyncDisposable
{
    public const string GroupAnnotation = "istio.io/autoRegistrationGroup";
    public const string ConnectedAtAnnotation = "istio.io/connectedAt";
    public const string DisconnectedAtAnnotation = "istio.io/disconnectedAt";
    public const string ControllerAnnotation = "istio.io/workloadController";

    /// <summary>Istio's default PILOT_WORKLOAD_ENTRY_GRACE_PERIOD.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(10);

    private static readonly ResourceType Entries = ResourceType.Of(KindRegistry.Default.Find("networking.istio.io", "WorkloadEntry")!);
    private static readonly ResourceType Groups = ResourceType.Of(KindRegistry.Default.Find("networking.istio.io", "WorkloadGroup")!);

    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public void Start() => _loop = Task.Run(() => LoopAsync(_stop.Token));

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
                await ReconcileAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is ApiException or IOException or InvalidOperationException)
            {
                LogFailed(log, e.Message);
            }
        }
    }

    /// <summary>One pass: register connected group members, mark and later remove the entries of those that left.</summary>
    public async Task ReconcileAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var connected = new Dictionary<(string Ns, string Name), ProxyStatus>();
        foreach (var p in proxies())
            if (p.Connected && p.Node.WorkloadGroup is { Length: > 0 } group && p.Node.Address is { Length: > 0 } address)
                connected[(p.Node.Namespace, EntryName(group, address))] = p;

        var entries = (await resources.ListAsync(Entries, null, LabelSelector.Everything, ct)).Items
            .Where(e => Annotation(e, GroupAnnotation) is not null)
            .ToDictionary(e => (StoredObjects.String(StoredObjects.Metadata(e), "namespace") ?? "", StoredObjects.Name(e)));

        foreach (var ((ns, name), proxy) in connected)
        {
            if (entries.TryGetValue((ns, name), out var existing))
            {
                if (Annotation(existing, DisconnectedAtAnnotation) is not null)
                {
                    Annotations(existing).Remove(DisconnectedAtAnnotation);
                    Annotations(existing)[ConnectedAtAnnotation] = Stamp(now);
                    existing = await resources.UpdateAsync(Entries, ns, name, existing, ct);
                    LogReconnected(log, ns, name);
                }
                if (proxy.Health is { } health)
                    await SyncHealthAsync(ns, name, existing, health, ct);
                continue;
            }
            await RegisterAsync(ns, name, proxy, now, ct);
        }

        foreach (var ((ns, name), entry) in entries)
        {
            if (connected.ContainsKey((ns, name)))
                continue;
            if (Annotation(entry, DisconnectedAtAnnotation) is not { } since)
            {
                Annotations(entry)[DisconnectedAtAnnotation] = Stamp(now);
                await resources.UpdateAsync(Entries, ns, name, entry, ct);
                LogDisconnected(log, ns, name, grace.TotalSeconds);
            }
            else if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && now - at >= grace)
            {
                try
                {
                    await resources.DeleteAsync(Entries, ns, name, precondition: null, ct);
                    LogRemoved(log, ns, name, (now - at).TotalSeconds);
                }
                catch (ApiException)
                {
                    // Removed by someone else in between.
                }
            }
        }
    }

    /// <summary>
    /// The proxy's probe verdict becomes the entry's Healthy condition (Istio's WorkloadEntry
    /// health), which translation turns into the endpoint's health: written only when it changed.
    /// </summary>
    private async Task SyncHealthAsync(string ns, string name, JsonObject entry, WorkloadHealthReport health, CancellationToken ct)
    {
        var status = health.Healthy ? "True" : "False";
        var current = HealthyCondition(entry);
        if (current is not null && StoredObjects.String(current, "status") == status && StoredObjects.String(current, "message") == health.Message)
            return;
        entry["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Healthy",
                ["status"] = status,
                ["lastProbeTime"] = Stamp(health.At),
                ["lastTransitionTime"] = current is not null && StoredObjects.String(current, "status") == status
                    ? StoredObjects.String(current, "lastTransitionTime") : Stamp(health.At),
                ["reason"] = health.Healthy ? "ProbeSucceeded" : "ProbeFailed",
                ["message"] = health.Message,
            }),
        };
        try
        {
            await resources.UpdateStatusAsync(Entries, ns, name, entry, ct);
            if (current is null || StoredObjects.String(current, "status") != status)
                LogHealth(log, ns, name, health.Healthy ? "healthy" : "unhealthy", health.Message);
        }
        catch (ApiException e)
        {
            LogRefused(log, ns, name, e.Message);
        }
    }

    private static JsonObject? HealthyCondition(JsonObject entry)
    {
        if (entry["status"]?["conditions"] is JsonArray conditions)
            foreach (var c in conditions)
                if (c is JsonObject o && StoredObjects.String(o, "type") == "Healthy")
                    return o;
        return null;
    }

    private async Task RegisterAsync(string ns, string name, ProxyStatus proxy, DateTimeOffset now, CancellationToken ct)
    {
        var node = proxy.Node;
        JsonObject group;
        try
        {
            group = await resources.GetAsync(Groups, ns, node.WorkloadGroup!, ct);
        }
        catch (ApiException)
        {
            LogNoGroup(log, node.Id, ns, node.WorkloadGroup!);
            return;
        }
        var template = group["spec"]?["template"] as JsonObject ?? new JsonObject();
        var templateMeta = group["spec"]?["metadata"] as JsonObject;
        var spec = (JsonObject)template.DeepClone();
        spec["address"] = node.Address;
        var labels = templateMeta?["labels"]?.DeepClone() as JsonObject ?? new JsonObject();
        foreach (var (k, v) in node.Labels)
            labels[k] = v;
        var specLabels = spec["labels"] as JsonObject ?? new JsonObject();
        foreach (var (k, v) in labels)
            specLabels[k] = v?.DeepClone();
        spec["labels"] = specLabels;
        if (spec["serviceAccount"] is null && node.ServiceAccount.Length > 0)
            spec["serviceAccount"] = node.ServiceAccount;
        var annotations = templateMeta?["annotations"]?.DeepClone() as JsonObject ?? new JsonObject();
        annotations[GroupAnnotation] = node.WorkloadGroup;
        annotations[ConnectedAtAnnotation] = Stamp(now);
        annotations[ControllerAnnotation] = "weftd";
        annotations["weft.io/kind"] = node.Kind;
        var entry = new JsonObject
        {
            ["apiVersion"] = "networking.istio.io/v1",
            ["kind"] = "WorkloadEntry",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = labels,
                ["annotations"] = annotations,
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "networking.istio.io/v1",
                    ["kind"] = "WorkloadGroup",
                    ["name"] = node.WorkloadGroup,
                    ["uid"] = StoredObjects.String(StoredObjects.Metadata(group), "uid"),
                    ["controller"] = true,
                }),
            },
            ["spec"] = spec,
        };
        try
        {
            var created = await resources.CreateAsync(Entries, ns, entry, ct);
            LogRegistered(log, ns, name, node.Id, node.Address!);
            // A group with a probe: no traffic before the probe's first verdict, as Istio does.
            if (proxy.Health is { } health)
                await SyncHealthAsync(ns, name, created, health, ct);
            else if (group["spec"]?["probe"] is JsonObject)
                await SyncHealthAsync(ns, name, created, new WorkloadHealthReport(false, "waiting for the first result of the WorkloadGroup's probe", now), ct);
        }
        catch (ApiException e)
        {
            LogRefused(log, ns, name, e.Message);
        }
    }

    /// <summary>Istio's name: the group, a dash, and the address with dots and colons as dashes.</summary>
    public static string EntryName(string group, string address) => $"{group}-{address.Replace('.', '-').Replace(':', '-')}";

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string? Annotation(JsonObject o, string key) => StoredObjects.Metadata(o)?["annotations"]?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonObject Annotations(JsonObject o)
    {
        var metadata = StoredObjects.Metadata(o)!;
        if (metadata["annotations"] is not JsonObject a)
        {
            a = new JsonObject();
            metadata["annotations"] = a;
        }
        return a;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    [LoggerMessage(6001, LogLevel.Information, "Auto-registered WorkloadEntry {Namespace}/{Name} for proxy {Proxy} at {Address}")]
    private static partial void LogRegistered(ILogger log, string @namespace, string name, string proxy, string address);

    [LoggerMessage(6002, LogLevel.Information, "WorkloadEntry {Namespace}/{Name}: its proxy disconnected; removed unless it reconnects within {GraceSeconds}s")]
    private static partial void LogDisconnected(ILogger log, string @namespace, string name, double graceSeconds);

    [LoggerMessage(6003, LogLevel.Information, "WorkloadEntry {Namespace}/{Name}: its proxy reconnected")]
    private static partial void LogReconnected(ILogger log, string @namespace, string name);

    [LoggerMessage(6004, LogLevel.Information, "Removed WorkloadEntry {Namespace}/{Name}: its proxy has been gone for {Seconds:0.0}s")]
    private static partial void LogRemoved(ILogger log, string @namespace, string name, double seconds);

    [LoggerMessage(6005, LogLevel.Warning, "Proxy {Proxy} names WorkloadGroup {Namespace}/{Group}, which does not exist, so it is not registered; create the group")]
    private static partial void LogNoGroup(ILogger log, string proxy, string @namespace, string group);

    [LoggerMessage(6006, LogLevel.Warning, "Auto-registration of WorkloadEntry {Namespace}/{Name} was refused: {Reason}")]
    private static partial void LogRefused(ILogger log, string @namespace, string name, string reason);

    [LoggerMessage(6008, LogLevel.Information, "WorkloadEntry {Namespace}/{Name} is now {Health}: {Reason}")]
    private static partial void LogHealth(ILogger log, string @namespace, string name, string health, string reason);

    [LoggerMessage(6007, LogLevel.Warning, "Auto-registration pass failed: {Reason}; trying again in a second")]
    private static partial void LogFailed(ILogger log, string reason);
}
