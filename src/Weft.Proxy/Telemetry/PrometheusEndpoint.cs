using System.Text;
using Weft.Proxy.Runtime;

namespace Weft.Proxy.Telemetry;

/// <summary>
/// <c>GET /stats/prometheus</c> (on the stats address, 15090, and on the admin address): Istio's
/// metrics, merged with the application's own when the workload asks for it (Istio's metrics
/// merging: <c>prometheus.io/scrape</c>, <c>port</c>, <c>path</c>). A merged answer is always text
/// format 0.0.4, as Istio's merged endpoint; an application that does not answer leaves the
/// proxy's metrics alone, and the reason is logged.
/// </summary>
public sealed partial class PrometheusEndpoint(IstioMetrics metrics, ProxyRuntime runtime, ILogger<PrometheusEndpoint> log) : IDisposable
{
    public const string Path = "/stats/prometheus";

    private readonly HttpClient _app = new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2) })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    public async Task HandleAsync(HttpContext ctx)
    {
        var telemetry = runtime.Current?.Source.Telemetry;
        var target = telemetry?.AppMetrics;
        var openMetrics = target is null && PrometheusWriter.WantsOpenMetrics(ctx.Request.Headers.Accept.ToString());
        var sb = new StringBuilder(64 * 1024);
        var overrides = telemetry?.MetricOverrides ?? [];
        PrometheusWriter.Write(sb, metrics, openMetrics, overrides.IsDefaultOrEmpty ? null : new MetricRewriter(overrides));
        if (target is not null)
        {
            var host = target.Address.Contains(':', StringComparison.Ordinal) ? $"[{target.Address}]" : target.Address;
            var url = $"http://{host}:{target.Port}{(target.Path.StartsWith('/') ? "" : "/")}{target.Path}";
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.TryAddWithoutValidation("accept", "text/plain;version=0.0.4");
                using var response = await _app.SendAsync(request, ctx.RequestAborted);
                if (!response.IsSuccessStatusCode)
                    LogAppFailed(log, url, $"status {(int)response.StatusCode}");
                else
                {
                    var text = await response.Content.ReadAsStringAsync(ctx.RequestAborted);
                    // An OpenMetrics answer ends with "# EOF": in the middle of a text exposition it is only noise.
                    foreach (var line in text.Split('\n'))
                        if (line.Length > 0 && line != "# EOF")
                            sb.Append(line).Append('\n');
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                LogAppFailed(log, url, e.Message);
            }
        }
        if (openMetrics)
            sb.Append("# EOF\n");
        ctx.Response.ContentType = openMetrics ? PrometheusWriter.OpenMetricsContentType : PrometheusWriter.TextContentType;
        await ctx.Response.WriteAsync(sb.ToString(), ctx.RequestAborted);
    }

    public void Dispose() => _app.Dispose();

    [LoggerMessage(3201, LogLevel.Warning, "Metrics merging: the application's metrics at {Url} could not be read ({Reason}); serving the proxy's alone")]
    private static partial void LogAppFailed(ILogger log, string url, string reason);
}
