using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Weft.Bench.Tools;

/// <summary>
/// A constant-rate (open-loop) HTTP client, the part of wrk2 that wrk lacks. Request i is due at
/// start + i/rate; it is sent then whether or not earlier ones have answered, and its latency is
/// measured from when it was due, so a stalled server shows up in the percentiles instead of
/// quietly slowing the client down (coordinated omission, as Gil Tene describes it).
/// </summary>
internal static class RateCommand
{
    public static async Task<int> RunAsync(Options o, CancellationToken ct)
    {
        var url = o.String("--url", required: true);
        var rate = o.Number("--rate", 0, 1, 1_000_000);
        var duration = o.Number("--duration", 0, 0.1, 3600);
        var warmup = o.Number("--warmup", 1, 0, 600);
        var http = o.String("--http", "1.1");
        var connections = (int)o.Number("--connections", 64, 1, 10_000);
        var timeout = o.Number("--timeout", 5, 0.1, 600);
        var fixedConnections = (int)o.Number("--fixed-connections", 0, 1, 10_000);
        var bodyBytes = (int)o.Number("--body-bytes", 0, 0, 1 << 20);
        var watched = ProcessMeter.Parse(o.String("--pids"), o.Errors);
        if (rate == 0)
            o.Errors.Add("option '--rate' is required");
        if (duration == 0)
            o.Errors.Add("option '--duration' is required");
        if (http is not ("1.1" or "2"))
            o.Errors.Add($"cannot parse '{http}' for option '--http': expected 1.1 or 2");
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _))
            o.Errors.Add($"cannot parse '{url}' for option '--url': expected an absolute http:// URL");
        o.RejectUnknown("--url", "--rate", "--duration", "--warmup", "--http", "--connections", "--timeout", "--fixed-connections", "--body-bytes", "--pids");
        if (o.Errors.Count > 0)
            return Usage.Fail("rate", o.Errors);

        var version = http == "2" ? HttpVersion.Version20 : HttpVersion.Version11;
        // --fixed-connections N: exactly N connections (N clients of one connection each, requests
        // round-robin over them), as Istio's benchmark fixes its client connections; otherwise one
        // client opening what it needs, up to --connections.
        var clients = fixedConnections > 0
            ? Enumerable.Range(0, fixedConnections).Select(_ => Client(version, 1, timeout)).ToArray()
            : [Client(version, connections, timeout)];
        try
        {
            var run = new RateRun(clients, new Uri(url!), rate, warmup, duration, bodyBytes, watched);
            var result = await run.RunAsync(TimeSpan.FromSeconds(timeout), ct);
            Console.WriteLine(result.Format(url!, http!, rate));
        }
        finally
        {
            foreach (var c in clients)
                c.Dispose();
        }
        return 0;
    }

    private static HttpClient Client(Version version, int connections, double timeout) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        // HTTP/1.1 needs a connection per request in flight; HTTP/2 multiplexes them on one, as sidecars do.
        MaxConnectionsPerServer = connections,
        EnableMultipleHttp2Connections = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        DefaultRequestVersion = version,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(timeout),
    };
}

/// <summary>One open-loop run: the schedule, the requests in flight, and the recorded latencies.</summary>
internal sealed class RateRun(HttpClient[] clients, Uri url, double rate, double warmupSeconds, double durationSeconds, int bodyBytes, ProcessMeter meter)
{
    private readonly byte[] _body = CreateBody(bodyBytes);
    private readonly int _warmupCount = (int)Math.Round(rate * warmupSeconds);
    private readonly int _measuredCount = Math.Max(1, (int)Math.Round(rate * durationSeconds));
    private long[] _latencyTicks = [];
    private long _lastDone;
    private string? _firstError;

    public async Task<RateResult> RunAsync(TimeSpan drainTimeout, CancellationToken ct)
    {
        var total = _warmupCount + _measuredCount;
        _latencyTicks = new long[_measuredCount];
        Array.Fill(_latencyTicks, -1);
        var periodTicks = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        var all = new Task[total];
        var measuredStart = start + (long)(_warmupCount * periodTicks);
        ProcessMeter.Sample? before = null;
        // The schedule runs on a thread of its own so that a busy thread pool cannot delay a due request.
        var scheduler = new Thread(() =>
        {
            for (var i = 0; i < total && !ct.IsCancellationRequested; i++)
            {
                var due = start + (long)(i * periodTicks);
                WaitUntil(due);
                // The processes' CPU is counted from when the first measured request is due.
                if (i == _warmupCount)
                    before = meter.Take();
                all[i] = SendAsync(i, due, ct);
            }
        }) { IsBackground = true, Name = "rate-schedule", Priority = ThreadPriority.AboveNormal };
        scheduler.Start();
        await Task.Run(scheduler.Join, ct);
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(ct);
        drain.CancelAfter(drainTimeout);
        try
        {
            await Task.WhenAll(all.Where(t => t is not null)).WaitAsync(drain.Token);
        }
        catch (OperationCanceledException)
        {
            // Answers that never came count as errors below.
        }
        var after = meter.Take();
        var usage = before is null ? [] : meter.Usage(before, after);
        var recorded = _latencyTicks.Where(t => t >= 0).Order().ToArray();
        var missing = _measuredCount - recorded.Length;
        var seconds = Stopwatch.GetElapsedTime(measuredStart, Math.Max(Volatile.Read(ref _lastDone), measuredStart + 1)).TotalSeconds;
        // An error, or an answer that did not come before the drain timeout: either way, not recorded.
        return new RateResult(_measuredCount, recorded.Length, missing, recorded.Length / Math.Max(seconds, 1e-9), recorded, _firstError, usage);
    }

    private static byte[] CreateBody(int bytes)
    {
        var body = new byte[bytes];
        Array.Fill(body, (byte)'x');
        return body;
    }

    private static void WaitUntil(long due)
    {
        while (true)
        {
            var left = due - Stopwatch.GetTimestamp();
            if (left <= 0)
                return;
            var ms = left * 1000 / Stopwatch.Frequency;
            if (ms > 2)
                Thread.Sleep((int)(ms - 1));
            else if (ms > 0)
                Thread.Yield();
            else
                Thread.SpinWait(20);
        }
    }

    private async Task SendAsync(int index, long due, CancellationToken ct)
    {
        var ok = false;
        try
        {
            var client = clients[index % clients.Length];
            // A message of our own does not take the client's default version: set it as GetAsync would.
            using var request = new HttpRequestMessage(_body.Length > 0 ? HttpMethod.Post : HttpMethod.Get, url)
            {
                Version = client.DefaultRequestVersion,
                VersionPolicy = client.DefaultVersionPolicy,
            };
            if (_body.Length > 0)
                request.Content = new ByteArrayContent(_body);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            ok = response.StatusCode == HttpStatusCode.OK;
            if (!ok)
                Interlocked.CompareExchange(ref _firstError, $"status {(int)response.StatusCode}", null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Interlocked.CompareExchange(ref _firstError, e.GetType().Name + ": " + e.Message, null);
        }
        var done = Stopwatch.GetTimestamp();
        if (index < _warmupCount)
            return;
        if (ok)
        {
            _latencyTicks[index - _warmupCount] = done - due;
            long last;
            while ((last = Volatile.Read(ref _lastDone)) < done && Interlocked.CompareExchange(ref _lastDone, done, last) != last)
            {
            }
        }
    }
}

/// <summary>What a run measured, printed as one key=value line that run.sh reads.</summary>
internal sealed record RateResult(int Requests, int Ok, int Errors, double AchievedRps, long[] SortedTicks, string? FirstError, IReadOnlyList<ProcessUsage> Usage)
{
    public double PercentileMs(double p)
    {
        if (SortedTicks.Length == 0)
            return double.NaN;
        var i = (int)Math.Ceiling(p / 100 * SortedTicks.Length) - 1;
        return SortedTicks[Math.Clamp(i, 0, SortedTicks.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    public string Format(string url, string http, double targetRps)
    {
        var c = CultureInfo.InvariantCulture;
        var line = string.Create(c, $"rate url={url} http={http} target_rps={targetRps:0} achieved_rps={AchievedRps:0.0} requests={Requests} ok={Ok} errors={Errors} p50_ms={PercentileMs(50):0.000} p90_ms={PercentileMs(90):0.000} p99_ms={PercentileMs(99):0.000} p999_ms={PercentileMs(99.9):0.000} max_ms={PercentileMs(100):0.000}");
        foreach (var u in Usage)
            line += string.Create(c, $" cpu_{u.Name}_s={u.CpuSeconds:0.000} window_{u.Name}_s={u.WindowSeconds:0.000} rss_{u.Name}_kb={u.RssKb} hwm_{u.Name}_kb={u.PeakRssKb}");
        return FirstError is null ? line : line + " first_error=\"" + FirstError.Replace('"', '\'') + "\"";
    }
}
