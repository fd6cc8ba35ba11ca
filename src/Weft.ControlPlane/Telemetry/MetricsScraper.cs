using Weft.ControlPlane.Push;
using Weft.Discovery.Snapshot;

namespace Weft.ControlPlane.Telemetry;

/// <summary>
/// Scrapes every connected proxy's /stats/prometheus each interval into the <see cref="MetricsStore"/>,
/// all proxies at once, each bounded by the interval (a proxy that does not answer in time is
/// skipped this round and logged once per failure streak).
/// </summary>
public sealed partial class MetricsScraper(DiscoveryHost discovery, MetricsStore store, TimeProvider time, ILogger<MetricsScraper> log)
{
    private readonly HashSet<string> _failing = new(StringComparer.Ordinal);

    /// <summary>Where a proxy serves Prometheus metrics: its stats address, else its admin address (which serves the same path).</summary>
    public static string? TargetOf(NodeInfo node) => node.StatsAddress ?? node.AdminAddress;

    public async Task RunAsync(CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2) })
        {
            Timeout = store.Interval < TimeSpan.FromSeconds(5) ? store.Interval : TimeSpan.FromSeconds(5),
        };
        using var timer = new PeriodicTimer(store.Interval, time);
        try
        {
            do
            {
                await ScrapeOnceAsync(http, ct);
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    public async Task ScrapeOnceAsync(HttpClient http, CancellationToken ct)
    {
        var targets = discovery.Server.Proxies.Where(p => p.Connected && TargetOf(p.Node) is not null).ToList();
        await Task.WhenAll(targets.Select(async p =>
        {
            var url = $"http://{TargetOf(p.Node)}/stats/prometheus";
            try
            {
                var text = await http.GetStringAsync(url, ct);
                store.Ingest(p.Id, text, time.GetUtcNow().ToUnixTimeMilliseconds());
                lock (_failing)
                    _failing.Remove(p.Id);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                bool first;
                lock (_failing)
                    first = _failing.Add(p.Id);
                if (first)
                    LogScrapeFailed(log, p.Id, url, e.Message);
            }
        }));
        store.Prune(time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    [LoggerMessage(7101, LogLevel.Warning, "Cannot scrape the metrics of proxy {Proxy} at {Url}: {Reason} (logged again after it recovers)")]
    private static partial void LogScrapeFailed(ILogger log, string proxy, string url, string reason);
}
