using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Weft.Discovery.Snapshot;

namespace Weft.Bench.Tools;

/// <summary>
/// The control-plane scale benchmark against a running weftd: applies the Travel Booking config
/// plus generated services, connects N simulated proxies to the real push stream, then measures
/// weftd's memory per connected proxy and, for a mesh-wide and a namespace-local VirtualService
/// change, how long until every affected proxy ACKed, how many proxies were pushed (incremental
/// pushes reach only the affected ones) and weftd's CPU per push. Prints Markdown table rows.
/// </summary>
internal static class ScaleCommand
{
    public static async Task<int> RunAsync(Options o, CancellationToken ct)
    {
        var api = o.String("--api", required: true);
        var tokenFile = o.String("--token-file", required: true);
        var discovery = o.String("--discovery", required: true);
        var pidText = o.String("--weftd-pid", required: true);
        var proxies = (int)o.Number("--proxies", 100, 1, 100_000);
        var services = (int)o.Number("--services", 1000, 0, 100_000);
        var timeout = TimeSpan.FromSeconds(o.Number("--timeout", 120, 1, 3600));
        var quiet = TimeSpan.FromSeconds(o.Number("--quiet", 2, 0.1, 60));
        // The machine is shared: weftd may grow to half of the memory free at the start, no more.
        var maxRssMb = o.Number("--max-rss-mb", AvailableMb() / 2, 16, 1 << 24);
        o.RejectUnknown("--api", "--token-file", "--discovery", "--weftd-pid", "--proxies", "--services", "--timeout", "--quiet", "--max-rss-mb");
        var meter = ProcessMeter.Parse(pidText is null ? null : "weftd=" + pidText, o.Errors);
        if (tokenFile is not null && !File.Exists(tokenFile))
            o.Errors.Add($"cannot read '{tokenFile}' for option '--token-file': the file does not exist");
        if (o.Errors.Count > 0)
            return Usage.Fail("scale", o.Errors);

        using var rest = new HttpClient { BaseAddress = new Uri(api!), Timeout = timeout };
        rest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(tokenFile!, ct)).Trim());
        var watch = Stopwatch.StartNew();
        await ApplyAsync(rest, ScaleConfig.Initial(services), ct);
        Console.Error.WriteLine($"weft-bench scale: applied the Travel Booking config and {services} generated services in {watch.Elapsed.TotalSeconds:0.0} s");
        // Let the push context settle before the idle memory figure.
        await Task.Delay(quiet * 2, ct);
        var idle = meter.Usage(meter.Take(), meter.Take())[0];

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // A watcher stops the run when weftd outgrows the bound: the rows printed so far stand, and it says so.
        long peakKb = 0;
        var guard = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var rss = meter.Usage(meter.Take(), meter.Take())[0].RssKb;
                peakKb = Math.Max(peakKb, rss);
                if (rss > maxRssMb * 1024)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"aborted| {proxies} | weftd's RSS reached {rss / 1024} MB, above the bound of {maxRssMb:0} MB (half the memory free at the start; --max-rss-mb), with {proxies} proxies |"));
                    await stop.CancelAsync();
                    return;
                }
                await Task.Delay(200, CancellationToken.None);
            }
        }, CancellationToken.None);
        try
        {
            return await MeasureAsync();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            await stop.CancelAsync();
            await guard;
        }

        async Task<int> MeasureAsync()
        {
            var token = stop.Token;
            var sims = Enumerable.Range(0, proxies).Select(i => new SimulatedProxy(Node(i, proxies, services), new Uri(discovery!))).ToArray();
            using var connecting = new SemaphoreSlim(64);
            var connectCpu = meter.Take();
            var started = Stopwatch.GetTimestamp();
            var runs = sims.Select(s => Task.Run(() => s.RunAsync(connecting, stop.Token), CancellationToken.None)).ToArray();
            var allFirst = await WaitAsync(() => sims.All(s => s.Pushes > 0 || s.Error is not null), timeout, token);
            var firstSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await QuietAsync(sims, meter, quiet, timeout, token);
            var connected = meter.Usage(connectCpu, meter.Take())[0];
            var rampPushes = sims.Sum(s => s.Pushes);
            var failed = sims.Where(s => s.Error is not null).Select(s => s.Error!).ToList();
            var c = CultureInfo.InvariantCulture;
            var perProxyMb = (connected.RssKb - idle.RssKb) / 1024.0 / proxies;
            Console.WriteLine(string.Create(c, $"memory| {proxies} | {services + 10} | {idle.RssKb / 1024.0:0.0} | {connected.RssKb / 1024.0:0.0} | {perProxyMb:0.000} | {(allFirst ? firstSeconds.ToString("0.0", c) : "timeout")} | {rampPushes} | {connected.CpuSeconds:0.00} | {failed.Count} |"));
            foreach (var e in failed.Take(5))
                Console.Error.WriteLine("weft-bench scale: " + e);

            var local = ScaleConfig.NamespaceOf(0, services);
            await ChangeAsync("mesh-wide (cars-vm weights)", ScaleConfig.MeshWideChange(80), sims, proxies);
            if (services > 0)
                await ChangeAsync($"namespace-local (svc-0000, exportTo: [\".\"] in {local})", ScaleConfig.LocalChange(services, 11), sims, sims.Count(s => s.Node.Namespace == local));

            await stop.CancelAsync();
            await Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var s in sims)
                await s.DisposeAsync();
            return 0;

            async Task ChangeAsync(string name, JsonObject change, SimulatedProxy[] all, int affected)
            {
                var before = all.Select(s => s.Pushes).ToArray();
                var cpu = meter.Take();
                var t0 = Stopwatch.GetTimestamp();
                // The store revision of the change: a push whose version names it (or a later one) carries it.
                var revision = await ApplyAsync(rest, change, token);
                bool Carried((long At, long Revision) a) => a.Revision >= revision;
                await WaitAsync(() => all.Count(s => s.Acked().Any(Carried)) >= affected, timeout, token);
                // Then until pushes stop: proxies the change does not affect must not be pushed (incremental pushes).
                await QuietAsync(all, meter, quiet, timeout, token);
                var used = meter.Usage(cpu, meter.Take())[0];
                var latencies = new List<double>();
                var pushes = 0;
                foreach (var s in all)
                {
                    var acked = s.Acked().Where(Carried).ToArray();
                    pushes += acked.Length;
                    if (acked.Length > 0)
                        latencies.Add(Stopwatch.GetElapsedTime(t0, acked[0].At).TotalMilliseconds);
                }
                latencies.Sort();
                Console.WriteLine(string.Create(c, $"change| {proxies} | {name} | {affected} | {latencies.Count} | {pushes} | {P(latencies, 50)} | {P(latencies, 99)} | {P(latencies, 100)} | {used.CpuSeconds:0.00} | {(pushes > 0 ? (used.CpuSeconds * 1000 / pushes).ToString("0.00", c) : "-")} | {used.CpuSeconds * 1000 / all.Length:0.00} |"));
            }
        }
    }

    private static double AvailableMb()
    {
        foreach (var line in File.ReadLines("/proc/meminfo"))
            if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        return 4096;
    }

    private static string P(List<double> sorted, double p) =>
        sorted.Count == 0 ? "-" : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)].ToString("0", CultureInfo.InvariantCulture);

    /// <summary>
    /// Proxy i of N: a sidecar of a generated service at that workload's address, spread evenly
    /// over the services (so over every namespace) while N is below S, round robin above (cars
    /// when there are no generated services).
    /// </summary>
    private static NodeInfo Node(int i, int proxies, int services)
    {
        var k = services == 0 ? 0 : proxies <= services ? (int)((long)i * services / proxies) : i % services;
        var app = services > 0 ? ScaleConfig.ServiceName(k) : "cars-vm";
        return new NodeInfo
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"{app}-{i}"),
            Namespace = services > 0 ? ScaleConfig.NamespaceOf(k, services) : ScaleConfig.Agency,
            Labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("app", app), KeyValuePair.Create("version", "v1")]),
            ServiceAccount = app,
            Address = services > 0 ? ScaleConfig.AddressOf(k) : "10.0.0.4",
            Kind = "VirtualMachine",
            ProxyVersion = "weft-bench-scale",
        };
    }

    /// <summary>Applies a List; returns the store revision it was written at (its first item's resourceVersion).</summary>
    private static async Task<long> ApplyAsync(HttpClient rest, JsonObject list, CancellationToken ct)
    {
        using var body = new StringContent(list.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await rest.PostAsync("apis/weft.io/v1/apply", body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"weftd refused the benchmark's config ({(int)response.StatusCode}): {text}");
        var version = JsonNode.Parse(text)?["items"]?[0]?["resourceVersion"]?.GetValue<string>();
        return long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision
            : throw new InvalidDataException($"weftd's apply result names no resourceVersion: {text}");
    }

    private static async Task<bool> WaitAsync(Func<bool> condition, TimeSpan timeout, CancellationToken ct)
    {
        var until = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > until)
                return false;
            await Task.Delay(20, ct);
        }
        return true;
    }

    /// <summary>
    /// Until no proxy was pushed for <paramref name="quiet"/> and weftd spent under a tenth of a
    /// core over that time (it may still be building snapshots it has not pushed yet), bounded
    /// by <paramref name="timeout"/>.
    /// </summary>
    private static async Task QuietAsync(SimulatedProxy[] sims, ProcessMeter weftd, TimeSpan quiet, TimeSpan timeout, CancellationToken ct)
    {
        var until = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var last = -1;
        var since = weftd.Take();
        while (Stopwatch.GetTimestamp() < until)
        {
            var total = sims.Sum(s => s.Pushes);
            if (total != last)
            {
                last = total;
                since = weftd.Take();
            }
            else if (Stopwatch.GetElapsedTime(since.Timestamp) >= quiet)
            {
                var used = weftd.Usage(since, weftd.Take())[0];
                if (used.CpuSeconds < 0.1 * used.WindowSeconds)
                    return;
                since = weftd.Take();
            }
            await Task.Delay(50, ct);
        }
    }
}
