using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace Weft.Benchmarks.Forwarding;

/// <summary>
/// Which types the bytes per request are made of: the runtime's AllocationTick event reports the
/// type of the object that crossed each ~100 KB of allocation, so over many requests the share
/// of samples per type is its share of the bytes. A sampling profile, not an exact count: types
/// under ~1% of the bytes may not show at all.
/// </summary>
public static class AllocationSampler
{
    public static async Task<string> RunAsync(string key, int requests, CancellationToken ct)
    {
        var info = Scenarios.Find(key);
        await using var s = await info.Start();
        for (var i = 0; i < Math.Max(200, requests / 10); i++)
            await s.SendAsync();
        using var listener = new TickListener();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < requests; i++)
        {
            ct.ThrowIfCancellationRequested();
            await s.SendAsync();
        }
        var bytes = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)requests;
        listener.Dispose();
        return Format(info, requests, bytes, listener.Samples);
    }

    private static string Format(Scenarios.Info info, int requests, double bytesPerRequest, ConcurrentDictionary<string, int> samples)
    {
        var c = CultureInfo.InvariantCulture;
        var total = samples.Values.Sum();
        var sb = new StringBuilder();
        sb.AppendLine(c, $"`{info.Key}` ({info.Name}): {bytesPerRequest:N0} B/request over {requests} requests; {total} allocation samples.");
        sb.AppendLine();
        sb.AppendLine("| Type | Share of samples | ≈ B/request |");
        sb.AppendLine("|---|---:|---:|");
        foreach (var (type, n) in samples.OrderByDescending(kv => kv.Value).Take(25))
            sb.AppendLine(c, $"| `{type}` | {100.0 * n / total:0.0}% | {bytesPerRequest * n / total:N0} |");
        return sb.ToString();
    }

    private sealed class TickListener : EventListener
    {
        private const EventKeywords GcKeyword = (EventKeywords)0x1;

        public ConcurrentDictionary<string, int> Samples { get; } = new(StringComparer.Ordinal);

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
                EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null)
                return;
            var i = e.PayloadNames.IndexOf("TypeName");
            if (i >= 0 && e.Payload?[i] is string type)
                Samples.AddOrUpdate(type, 1, (_, n) => n + 1);
        }
    }
}
