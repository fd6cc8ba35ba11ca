using System.Text.Json.Nodes;
using Weft.Api.Model.Core;
using Weft.ControlPlane.Config;
using Weft.ControlPlane.Resources;

namespace Weft.ControlPlane.ClusterIPs;

/// <summary>
/// Gives every core/v1 Service created without an address its <c>spec.clusterIP</c> (and
/// <c>clusterIPs</c>), planned by <see cref="ClusterIPPlan"/>, as a Kubernetes API server
/// allocates one: after each change (debounced) Services that want one are updated with the
/// resourceVersion they were read at, so a concurrent write wins and the next run plans again.
/// The store keeps the address, so it survives a restart of weftd; re-applying the manifest keeps
/// it (<see cref="ClusterIPRetention"/>); translation puts it on the service's clusters and every
/// transparent sidecar's DNS proxy answers it, the same on every VM.
/// </summary>
public sealed partial class ClusterIPWriter(ConfigCache cache, ResourceService resources, ClusterIPRange range, TimeProvider time,
    ILogger<ClusterIPWriter> log) : IAsyncDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);

    private async Task RunAsync(CancellationToken ct)
    {
        long seen = -1;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await cache.WaitForChangeAsync(seen, ct);
                await Task.Delay(Debounce, time, ct);
                var snapshot = cache.Current;
                seen = snapshot.Revision;
                var services = snapshot.Objects.Where(o => o.Object is Service)
                    .OrderBy(o => o.Object.Metadata.CreationTimestamp ?? "", StringComparer.Ordinal)
                    .ThenBy(o => o.Object.Namespace, StringComparer.Ordinal).ThenBy(o => o.Object.Name, StringComparer.Ordinal).ToList();
                var plan = ClusterIPPlan.Plan([.. services.Select(o => (Service)o.Object)], range);
                foreach (var stored in services)
                    if (plan.TryGetValue($"{stored.Object.Namespace}/{stored.Object.Name}", out var address))
                        await WriteAsync(stored, address, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogFailed(log, ex);
            }
        }
    }

    private async Task WriteAsync(StoredConfig stored, string address, CancellationToken ct)
    {
        var type = ResourceType.Of(stored.Kind);
        var (ns, name) = (stored.Object.Namespace, stored.Object.Name);
        try
        {
            var current = await resources.GetAsync(type, ns, name, ct);
            if (current["spec"] is not JsonObject spec || spec["clusterIP"] is JsonValue given && given.TryGetValue<string>(out var ip) && ip.Length > 0
                || spec["clusterIPs"] is JsonArray { Count: > 0 })
                return;   // changed since the snapshot: the next run sees it
            spec["clusterIP"] = address;
            spec["clusterIPs"] = new JsonArray(address);
            await resources.UpdateAsync(type, ns, name, current, ct);
            LogAllocated(log, ns, name, address, range.ToString());
        }
        catch (ApiException e)
        {
            // Deleted or written meanwhile (409): that write is a change, so the loop runs again.
            LogGaveWay(log, ns, name, e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    [LoggerMessage(1830, LogLevel.Information, "Service {Namespace}/{Name} has the cluster IP {Address} (allocated from {Range}, in its spec.clusterIP)")]
    private static partial void LogAllocated(ILogger log, string @namespace, string name, string address, string range);

    [LoggerMessage(1831, LogLevel.Debug, "Service {Namespace}/{Name}: its cluster IP is written on the next run ({Reason})")]
    private static partial void LogGaveWay(ILogger log, string @namespace, string name, string reason);

    [LoggerMessage(1832, LogLevel.Error, "Allocating Service cluster IPs failed; it runs again on the next change")]
    private static partial void LogFailed(ILogger log, Exception ex);
}
