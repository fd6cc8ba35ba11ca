using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Weft.Api.Model.GatewayApi;
using Weft.Api.Model.Meta;
using Weft.ControlPlane.Config;
using Weft.ControlPlane.Resources;
using Weft.ControlPlane.Translation;
using Weft.ControlPlane.Translation.Gateways;

namespace Weft.ControlPlane.GatewayApi;

/// <summary>
/// Writes the Gateway API status, as Istio's gateway controller does: after each change
/// (debounced) the push context's conversion of the Gateway API says what each GatewayClass,
/// Gateway and route gets; a Gateway is Programmed once a gateway workload it selects is
/// registered (its addresses are theirs). Only changed statuses are written, through /status.
/// </summary>
public sealed partial class GatewayStatusWriter(ConfigCache cache, MeshConfigSource mesh, ResourceService resources, TimeProvider time,
    ILogger<GatewayStatusWriter> log) : IAsyncDisposable
{
    /// <summary>How long to wait after a change for more, so a burst of applies is written once.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);

    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private ImmutableHashSet<GatewayConflict> _conflicts = [];

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
                if (snapshot.OfType<Weft.Api.Model.Networking.Gateway>().Skip(1).Any() || !_conflicts.IsEmpty)
                    ReportConflicts(PushContext.Build(snapshot, mesh.For(snapshot)));
                if (!snapshot.OfType<Gateway>().Any() && !snapshot.OfType<GatewayClass>().Any() && !snapshot.OfType<HTTPRoute>().Any())
                    continue;
                var push = PushContext.Build(snapshot, mesh.For(snapshot));
                await WriteAsync(snapshot, Programmed(push), ct);
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

    /// <summary>
    /// Logs each conflict between Istio Gateways (IST0145) once when it appears, naming both and
    /// the winner (the first by creation time, as the listeners are built), so an operator sees in
    /// weftd's log why a newer Gateway's host is not served; a conflict that goes and comes back
    /// is logged again.
    /// </summary>
    private void ReportConflicts(PushContext push)
    {
        var found = GatewayConflict.Find(push.Gateways, push.Workloads);
        foreach (var c in found)
            if (!_conflicts.Contains(c))
                LogConflict(log, c.Winner, c.Loser, c.Host, c.Port);
        _conflicts = [.. found];
    }

    /// <summary>The status with each Gateway's Programmed condition and addresses from the gateway workloads it selects.</summary>
    public static GatewayApiStatus Programmed(PushContext push)
    {
        var status = push.Gateways.Status;
        var gateways = status.Gateways.Select(g =>
        {
            var config = push.Gateways.Gateways.FirstOrDefault(c => c.Key == $"{g.Namespace}/{g.Name}" && c.Source != "Gateway");
            var addresses = config is null ? [] : push.Workloads.Where(w => config.Selects(w.Namespace, w.Labels)).Select(w => w.Address).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
            GatewayCondition programmed = addresses.IsEmpty
                ? new("Programmed", false, "AddressNotAssigned", $"no gateway workload runs it yet: start one with `weft gateway run {g.Name}-istio -n {g.Namespace} --for-gateway {g.Name}`")
                : new("Programmed", true, "Programmed", $"Resource programmed, served by {string.Join(", ", addresses)}");
            return g with { Conditions = [.. g.Conditions, programmed], Addresses = addresses };
        }).ToImmutableArray();
        return status with { Gateways = gateways };
    }

    private async Task WriteAsync(ConfigSnapshot snapshot, GatewayApiStatus status, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        foreach (var c in status.Classes)
            if (Find<GatewayClass>(snapshot, "", c.Name) is { } o)
                await PutAsync(o, GatewayStatusDocument.Class(c, Current(o), now), ct);
        foreach (var g in status.Gateways)
            if (Find<Gateway>(snapshot, g.Namespace, g.Name) is { } o)
                await PutAsync(o, GatewayStatusDocument.Gateway(g, Current(o), now), ct);
        foreach (var r in status.Routes)
        {
            var o = r.Kind switch
            {
                "HTTPRoute" => Find<HTTPRoute>(snapshot, r.Namespace, r.Name),
                "GRPCRoute" => Find<GRPCRoute>(snapshot, r.Namespace, r.Name),
                "TCPRoute" => Find<TCPRoute>(snapshot, r.Namespace, r.Name),
                "TLSRoute" => Find<TLSRoute>(snapshot, r.Namespace, r.Name),
                _ => null,
            };
            if (o is not null && r.Parents.Length > 0)
                await PutAsync(o, GatewayStatusDocument.Route(r, Current(o), now), ct);
        }
    }

    private static StoredConfig? Find<T>(ConfigSnapshot snapshot, string ns, string name) where T : KubeObject =>
        snapshot.Objects.FirstOrDefault(o => o.Object is T && o.Object.Namespace == ns && o.Object.Name == name);

    private static JsonObject? Current(StoredConfig o) => o.Object is IHasStatus { Status: not null } ? StatusWrites.Current(o) : null;

    private async Task PutAsync(StoredConfig o, JsonObject wanted, CancellationToken ct)
    {
        var current = Current(o) ?? new JsonObject();
        // Keep what others wrote beside ours (Istio's validationMessages, for one).
        var merged = (JsonObject)current.DeepClone();
        foreach (var (k, v) in wanted)
            merged[k] = v?.DeepClone();
        if (JsonNode.DeepEquals(current, merged))
            return;
        if (await StatusWrites.TryPutAsync(resources, o, merged, ct))
            LogWritten(log, o.Object.Kind, o.Object.Namespace, o.Object.Name);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    [LoggerMessage(1800, LogLevel.Debug, "Wrote the Gateway API status of {Kind} {Namespace}/{Name}")]
    private static partial void LogWritten(ILogger log, string kind, string @namespace, string name);

    [LoggerMessage(1803, LogLevel.Warning, "Gateways {Winner} and {Loser} both serve host {Host} on port {Port} of the same gateway workloads (IST0145): {Winner} wins as the first created; {Loser}'s server for that host is not used")]
    private static partial void LogConflict(ILogger log, string winner, string loser, string host, int port);

    [LoggerMessage(1801, LogLevel.Error, "Writing Gateway API status failed; it runs again on the next change")]
    private static partial void LogFailed(ILogger log, Exception ex);
}
