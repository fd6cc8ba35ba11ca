using System.Threading.Channels;
using Weft.Discovery.Telemetry;

namespace Weft.Proxy.Telemetry.Tracing;

/// <summary>
/// Sends finished spans with OTLP/HTTP protobuf, off the request path: spans queue in a bounded
/// channel (dropped and counted when full), one loop batches up to 512 or what arrived within a
/// second and POSTs each batch to its endpoint's <c>/v1/traces</c>.
/// </summary>
public sealed partial class SpanExporter(ILogger<SpanExporter> log) : IAsyncDisposable
{
    private const int BatchSize = 512;

    private readonly Channel<(string Endpoint, OtlpSpan Span)> _queue = Channel.CreateBounded<(string, OtlpSpan)>(new BoundedChannelOptions(8192)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2) }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private string? _failing;

    public long Dropped;
    public long Exported;

    public void Enqueue(string endpoint, OtlpSpan span)
    {
        if (_loop is null)
            lock (_queue)
                _loop ??= Task.Run(LoopAsync);
        if (!_queue.Writer.TryWrite((endpoint, span)))
            Interlocked.Increment(ref Dropped);
    }

    /// <summary>Where an endpoint's spans go: the URL as given, or with <c>/v1/traces</c> when it names no path.</summary>
    public static string TracesUrl(string endpoint)
    {
        var url = endpoint.Contains("://", StringComparison.Ordinal) ? endpoint : "http://" + endpoint;
        var uri = new Uri(url);
        return uri.AbsolutePath is "" or "/" ? url.TrimEnd('/') + "/v1/traces" : url;
    }

    private async Task LoopAsync()
    {
        var batch = new List<(string, OtlpSpan)>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stop.Token))
            {
                using (var window = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
                {
                    window.CancelAfter(TimeSpan.FromSeconds(1));
                    try
                    {
                        while (batch.Count < BatchSize && await _queue.Reader.WaitToReadAsync(window.Token))
                            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var item))
                                batch.Add(item);
                    }
                    catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                    {
                    }
                }
                await SendAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SendAsync(List<(string Endpoint, OtlpSpan Span)> batch)
    {
        foreach (var group in batch.GroupBy(b => b.Endpoint, StringComparer.Ordinal))
        {
            var url = TracesUrl(group.Key);
            try
            {
                using var content = new ByteArrayContent(OtlpCodec.Encode(group.Select(g => g.Span)));
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(OtlpCodec.ContentType);
                using var response = await _http.PostAsync(url, content, _stop.Token);
                if (!response.IsSuccessStatusCode)
                    throw new HttpRequestException($"status {(int)response.StatusCode}");
                Interlocked.Add(ref Exported, group.Count());
                _failing = null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !_stop.IsCancellationRequested)
            {
                Interlocked.Add(ref Dropped, group.Count());
                if (_failing != url)
                    LogExportFailed(log, group.Count(), url, e.Message);
                _failing = url;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
            await _loop;
        _http.Dispose();
        _stop.Dispose();
    }

    [LoggerMessage(3301, LogLevel.Warning, "Could not export {Count} spans to {Url}: {Reason} (logged again after an export succeeds)")]
    private static partial void LogExportFailed(ILogger log, int count, string url, string reason);
}
