using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Weft.Api.Model.Networking;
using Weft.ControlPlane.Config;
using Weft.ControlPlane.Resources;
using Weft.ControlPlane.Translation.Egress;

namespace Weft.ControlPlane.Egress;

/// <summary>
/// Allocates the mesh-wide addresses of ServiceEntries without addresses (<see cref="AutoAddresses"/>)
/// once, in weftd, and stores them in each entry's <c>status.addresses</c> as Istio's allocation
/// controller does: after each change (debounced) entries whose status differs from the plan are
/// written through /status. The store keeps them, so they survive a restart of weftd; translation
/// hands them to every proxy, whose DNS proxy answers them.
/// </summary>
public sealed partial class ServiceEntryAddressWriter(ConfigCache cache, ResourceService resources, TimeProvider time,
    ILogger<ServiceEntryAddressWriter> log) : IAsyncDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);

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
                var entries = snapshot.OfType<ServiceEntry>()
                    .OrderBy(o => o.Metadata.CreationTimestamp ?? "", StringComparer.Ordinal)
                    .ThenBy(o => o.Namespace, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal).ToList();
                foreach (var (key, addresses) in AutoAddresses.Plan(entries))
                {
                    var stored = snapshot.Objects.First(o => o.Object is ServiceEntry && $"{o.Object.Namespace}/{o.Object.Name}" == key);
                    await WriteAsync(stored, (ServiceEntry)stored.Object, addresses, ct);
                }
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

    private async Task WriteAsync(StoredConfig stored, ServiceEntry se, ImmutableArray<AutoAddresses.Assigned> addresses, CancellationToken ct)
    {
        var status = StatusWrites.Current(stored);
        status["addresses"] = new JsonArray([.. addresses.Select(a => (JsonNode)new JsonObject { ["host"] = a.Host, ["value"] = a.Address })]);
        if (await StatusWrites.TryPutAsync(resources, stored, status, ct))
        {
            foreach (var a in addresses)
                LogAllocated(log, a.Host, se.Namespace, se.Name, a.Address);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    [LoggerMessage(1820, LogLevel.Information, "ServiceEntry {Namespace}/{Name}: host {Host} has the mesh address {Address} (auto-allocated from 240.240.0.0/16, in its status)")]
    private static partial void LogAllocated(ILogger log, string host, string @namespace, string name, string address);

    [LoggerMessage(1821, LogLevel.Error, "Allocating ServiceEntry addresses failed; it runs again on the next change")]
    private static partial void LogFailed(ILogger log, Exception ex);
}
