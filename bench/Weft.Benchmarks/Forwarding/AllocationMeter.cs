using System.Globalization;
using System.Text;

namespace Weft.Benchmarks.Forwarding;

/// <summary>
/// Bytes allocated per request by the whole process, every thread included
/// (<see cref="GC.GetTotalAllocatedBytes(bool)"/>, precise): the forwarder's work runs on
/// thread-pool threads, which a per-thread count would miss. Each scenario warms up, then
/// sends N requests one after another; the client and backend allocate nothing per request.
/// </summary>
public static class AllocationMeter
{
    public static async Task<string> RunAsync(int requests, CancellationToken ct)
    {
        var rows = new List<(Scenarios.Info Info, double Bytes)>();
        foreach (var info in Scenarios.All)
        {
            ct.ThrowIfCancellationRequested();
            await using var s = await info.Start();
            for (var i = 0; i < Math.Max(200, requests / 10); i++)
                await s.SendAsync();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < requests; i++)
                await s.SendAsync();
            var after = GC.GetTotalAllocatedBytes(precise: true);
            rows.Add((info, (after - before) / (double)requests));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// allocations: {info.Name}: {(after - before) / (double)requests:0} B/request"));
        }
        return Format(rows, requests);
    }

    private static string Format(List<(Scenarios.Info Info, double Bytes)> rows, int requests)
    {
        double Of(string key) => rows.First(r => r.Info.Key == key).Bytes;
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"All threads, {requests} sequential requests per scenario after a warm-up, 1 KiB responses, access log off.");
        sb.AppendLine();
        sb.AppendLine("| Key | Scenario | Bytes/request | What it measures |");
        sb.AppendLine("|---|---|---:|---|");
        foreach (var (info, bytes) in rows)
            sb.AppendLine(c, $"| `{info.Key}` | {info.Name} | {bytes:N0} | {info.Measures} |");
        var handler = Of("handler");
        var kestrel = Of("kestrel");
        sb.AppendLine();
        sb.AppendLine("Derived (what Weft adds beyond what Kestrel and SocketsHttpHandler need, the design's budget):");
        sb.AppendLine();
        sb.AppendLine(c, $"- `pipeline-inbound` − `handler`: {Of("pipeline-inbound") - handler:N0} B/request");
        sb.AppendLine(c, $"- `pipeline-outbound` − `handler`: {Of("pipeline-outbound") - handler:N0} B/request");
        sb.AppendLine(c, $"- `sidecar` − `kestrel` − `handler`: {Of("sidecar") - kestrel - handler:N0} B/request");
        return sb.ToString();
    }
}
