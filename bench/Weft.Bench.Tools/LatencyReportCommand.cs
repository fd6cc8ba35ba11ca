using System.Globalization;
using System.Text;

namespace Weft.Bench.Tools;

/// <summary>
/// The tables of <c>run.sh latency</c> (Istio's method): per case and topology the percentiles,
/// what a proxy pair adds over the direct call in the same run, each proxy's CPU per 1000 req/s
/// and RSS; then Weft's figures over haproxy's, and Weft's against the published targets.
/// </summary>
internal static class LatencyReportCommand
{
    private static string[] Topologies => ReportCommand.Topologies;

    /// <summary>The published figures (issue 9): Istio 1.20 sidecars at 1000 req/s, 16 connections, mTLS; Weft's targets.</summary>
    private static readonly (string Figure, string Istio, string Target)[] Targets =
    [
        ("added p90 ms", "0.228", "<= 0.15"),
        ("added p99 ms", "0.298", "<= 0.20"),
        ("vCPU per proxy per 1000 req/s", "0.20", "<= 0.15"),
        ("RSS per proxy MB", "60", "<= 25"),
    ];

    public static int Run(Options o)
    {
        var file = o.String("--results", required: true);
        o.RejectUnknown("--results");
        if (o.Errors.Count > 0)
            return Usage.Fail("latency-report", o.Errors);
        var errors = new List<string>();
        var rows = MeasurementFile.Read<LatencyMeasurement>(file!, LatencyMeasurement.TryParse, LatencyMeasurement.Columns, errors);
        if (errors.Count > 0)
            return Usage.Fail("latency-report", errors);
        Console.Write(Markdown(rows));
        return 0;
    }

    public static string Markdown(IReadOnlyList<LatencyMeasurement> rows)
    {
        var cases = rows.Select(r => r.Case).Distinct().ToList();
        var cells = rows.GroupBy(r => (r.Case, r.Topology)).ToDictionary(g => g.Key, g => LatencyCell.Median([.. g]));
        var sb = new StringBuilder();
        sb.AppendLine("Latency in ms from when each request was due (coordinated omission corrected); added = this topology's percentile minus the direct call's in the same run. CPU: utime+stime of each proxy process over the measured window, in vCPU per 1000 req/s; RSS at the window's end.");
        sb.AppendLine();
        sb.AppendLine("| case | topology | req/s | p50 | p90 | p99 | added p50 | added p90 | added p99 | client proxy vCPU/1k rps | server proxy vCPU/1k rps | client proxy RSS MB | server proxy RSS MB | errors | rounds |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in cases)
        {
            cells.TryGetValue((c, "direct"), out var d);
            foreach (var t in Topologies)
            {
                if (!cells.TryGetValue((c, t), out var x))
                    continue;
                sb.AppendLine(Invariant($"| {c} | {t} | {x.Rps:0} | {x.P50:0.000} | {x.P90:0.000} | {x.P99:0.000} | {Added(x.P50, d?.P50, t)} | {Added(x.P90, d?.P90, t)} | {Added(x.P99, d?.P99, t)} | {Num(x.ClientCpu, "0.000")} | {Num(x.ServerCpu, "0.000")} | {Num(x.ClientRss, "0.0")} | {Num(x.ServerRss, "0.0")} | {x.Errors} | {x.Rounds} |"));
            }
        }
        sb.AppendLine();
        sb.AppendLine("Weft over haproxy (same run; below 1: Weft adds less latency, or spends less). CPU and RSS are the pair's sums.");
        sb.AppendLine();
        sb.AppendLine("| case | added p50 Weft/haproxy | added p90 Weft/haproxy | added p99 Weft/haproxy | CPU Weft/haproxy | RSS Weft/haproxy |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var c in cases)
        {
            if (!cells.TryGetValue((c, "weft"), out var w))
                continue;
            cells.TryGetValue((c, "haproxy"), out var h);
            cells.TryGetValue((c, "direct"), out var d);
            sb.AppendLine($"| {c} | {Ratio(w.P50 - d?.P50, h?.P50 - d?.P50)} | {Ratio(w.P90 - d?.P90, h?.P90 - d?.P90)} | {Ratio(w.P99 - d?.P99, h?.P99 - d?.P99)} | {Ratio(w.ClientCpu + w.ServerCpu, h?.ClientCpu + h?.ServerCpu)} | {Ratio(w.ClientRss + w.ServerRss, h?.ClientRss + h?.ServerRss)} |");
        }
        // Istio's published figures are for HTTP/1.1 over 16 connections: that case, else the HTTP/1.1 one with the most connections.
        var target = cases.Contains("h1-c16") ? "h1-c16"
            : cases.Where(c => c.StartsWith("h1-c", StringComparison.Ordinal) && int.TryParse(c.AsSpan(4), CultureInfo.InvariantCulture, out _))
                .MaxBy(c => int.Parse(c.AsSpan(4), CultureInfo.InvariantCulture));
        if (target is not null && cells.TryGetValue((target, "weft"), out var tw))
        {
            cells.TryGetValue((target, "direct"), out var td);
            cells.TryGetValue((target, "haproxy"), out var th);
            sb.AppendLine();
            sb.AppendLine($"Against the published figures (issue 9), case {target}; per proxy = the mean of the pair for CPU, the larger for RSS.");
            sb.AppendLine();
            sb.AppendLine("| figure | Istio/Envoy 1.20-1.24 | Weft target | Weft measured | haproxy measured |");
            sb.AppendLine("|---|---:|---:|---:|---:|");
            string[] weft = [Num(tw.P90 - td?.P90, "0.000"), Num(tw.P99 - td?.P99, "0.000"), Num((tw.ClientCpu + tw.ServerCpu) / 2, "0.000"), Num(Math.Max(tw.ClientRss, tw.ServerRss), "0.0")];
            string[] ha = th is null ? ["-", "-", "-", "-"]
                : [Num(th.P90 - td?.P90, "0.000"), Num(th.P99 - td?.P99, "0.000"), Num((th.ClientCpu + th.ServerCpu) / 2, "0.000"), Num(Math.Max(th.ClientRss, th.ServerRss), "0.0")];
            for (var i = 0; i < Targets.Length; i++)
                sb.AppendLine($"| {Targets[i].Figure} | {Targets[i].Istio} | {Targets[i].Target} | {weft[i]} | {ha[i]} |");
        }
        return sb.ToString();
    }

    private static string Added(double value, double? direct, string topology) =>
        topology == "direct" ? "-" : Num(value - direct, "0.000");

    private static string Num(double? v, string format) =>
        v is { } x && !double.IsNaN(x) ? x.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Ratio(double? a, double? b) =>
        a is { } x && b is { } y && y > 0 && !double.IsNaN(x) && !double.IsNaN(y) ? Invariant($"{x / y:0.00}") : "-";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed record LatencyCell(double Rps, double P50, double P90, double P99, double ClientCpu, double ServerCpu, double ClientRss, double ServerRss, long Errors, int Rounds)
    {
        public static LatencyCell Median(LatencyMeasurement[] m) => new(
            Med(m.Select(x => x.Rps)), Med(m.Select(x => x.P50)), Med(m.Select(x => x.P90)), Med(m.Select(x => x.P99)),
            Med(m.Select(x => x.VcpuPer1k(x.ClientCpuSeconds))), Med(m.Select(x => x.VcpuPer1k(x.ServerCpuSeconds))),
            Med(m.Select(x => x.ClientRssKb / 1024)), Med(m.Select(x => x.ServerRssKb / 1024)), m.Sum(x => x.Errors), m.Length);

        private static double Med(IEnumerable<double> values)
        {
            var v = values.Where(x => !double.IsNaN(x)).Order().ToArray();
            return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
        }
    }
}

/// <summary>
/// One case, topology and round of <c>run.sh latency</c>, as it writes it: the rate client's
/// figures, and for each proxy of the pair its CPU seconds over the window and RSS ("-": none).
/// </summary>
internal sealed record LatencyMeasurement(int Round, string Case, string Topology, double Rps, double P50, double P90, double P99, long Errors, long Requests,
    double WindowSeconds, double ClientCpuSeconds, double ServerCpuSeconds, double ClientRssKb, double ServerRssKb)
{
    public const string Columns = "round case topology rps p50_ms p90_ms p99_ms errors requests window_s client_cpu_s server_cpu_s client_rss_kb server_rss_kb";

    /// <summary>CPU seconds over the window as vCPU, scaled to 1000 req/s of what was achieved.</summary>
    public double VcpuPer1k(double cpuSeconds) =>
        WindowSeconds > 0 && Rps > 0 ? cpuSeconds / WindowSeconds * 1000 / Rps : double.NaN;

    public static bool TryParse(string line, out LatencyMeasurement m)
    {
        m = null!;
        var f = line.Split('\t');
        var c = CultureInfo.InvariantCulture;
        if (f.Length != 14 || !int.TryParse(f[0], c, out var round) || !long.TryParse(f[7], c, out var errors) || !long.TryParse(f[8], c, out var requests))
            return false;
        var n = new double[14];
        foreach (var i in new[] { 3, 4, 5, 6, 9, 10, 11, 12, 13 })
            if (!TryNumber(f[i], out n[i]))
                return false;
        m = new LatencyMeasurement(round, f[1], f[2], n[3], n[4], n[5], n[6], errors, requests, n[9], n[10], n[11], n[12], n[13]);
        return true;
    }

    // "-", "" or "nan": not measured (no proxy in the direct topology, or every request failed).
    private static bool TryNumber(string s, out double v)
    {
        if (s is "-" or "nan" or "" or "NaN")
        {
            v = double.NaN;
            return true;
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v);
    }
}
