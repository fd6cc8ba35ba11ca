using System.Globalization;
using System.Text;

namespace Weft.Bench.Tools;

/// <summary>
/// Turns the raw measurements of a load run (one TSV line per case, topology and round) into
/// the tables run.sh prints and records: the median of the rounds per cell, then the ratios
/// Weft/direct and Weft/haproxy taken from the same run, never from figures of different runs.
/// </summary>
internal static class ReportCommand
{
    public static readonly string[] Topologies = ["direct", "weft", "haproxy"];

    public static int Run(Options o)
    {
        var file = o.String("--results", required: true);
        o.RejectUnknown("--results");
        if (o.Errors.Count > 0)
            return Usage.Fail("report", o.Errors);
        var errors = new List<string>();
        var rows = MeasurementFile.Read<Measurement>(file!, Measurement.TryParse, "round case tool topology rps p50_ms p99_ms errors requests [proxy_cpu_s]", errors);
        if (errors.Count > 0)
            return Usage.Fail("report", errors);
        Console.Write(Markdown(rows));
        return 0;
    }

    public static string Markdown(IReadOnlyList<Measurement> rows)
    {
        var cases = rows.Select(r => (r.Case, r.Tool)).Distinct().ToList();
        var cells = rows.GroupBy(r => (r.Case, r.Topology)).ToDictionary(g => g.Key, g => Cell.Median([.. g]));
        // Throughput runs add the proxies' CPU seconds: requests per proxy CPU-second is the figure a busy machine disturbs least.
        var withCpu = rows.Any(r => !double.IsNaN(r.ProxyCpuSeconds));
        var sb = new StringBuilder();
        sb.AppendLine(withCpu ? "| case | client | topology | req/s | p50 ms | p99 ms | errors | rounds | proxy CPU s | req per proxy CPU-s |"
            : "| case | client | topology | req/s | p50 ms | p99 ms | errors | rounds |");
        sb.AppendLine(withCpu ? "|---|---|---|---:|---:|---:|---:|---:|---:|---:|" : "|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var (c, tool) in cases)
            foreach (var t in Topologies)
                if (cells.TryGetValue((c, t), out var x))
                    sb.AppendLine(Invariant($"| {c} | {tool} | {t} | {x.Rps:0} | {x.P50:0.00} | {x.P99:0.00} | {x.Errors} | {x.Rounds} |")
                        + (withCpu ? (double.IsNaN(x.CpuSeconds) ? " - | - |" : Invariant($" {x.CpuSeconds:0.00} | {x.PerCpuSecond:0} |")) : ""));
        sb.AppendLine();
        sb.AppendLine("Ratios (same run). Throughput: Weft's req/s over the other's (above 1: Weft serves more). Latency: Weft's over the other's (above 1: Weft is slower).");
        sb.AppendLine();
        sb.AppendLine("| case | req/s Weft/direct | req/s Weft/haproxy | p50 Weft/direct | p50 Weft/haproxy | p99 Weft/direct | p99 Weft/haproxy |" + (withCpu ? " req per CPU-s Weft/haproxy |" : ""));
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|" + (withCpu ? "---:|" : ""));
        foreach (var (c, _) in cases)
        {
            if (!cells.TryGetValue((c, "weft"), out var w))
                continue;
            cells.TryGetValue((c, "direct"), out var d);
            cells.TryGetValue((c, "haproxy"), out var h);
            sb.AppendLine($"| {c} | {Ratio(w.Rps, d?.Rps)} | {Ratio(w.Rps, h?.Rps)} | {Ratio(w.P50, d?.P50)} | {Ratio(w.P50, h?.P50)} | {Ratio(w.P99, d?.P99)} | {Ratio(w.P99, h?.P99)} |"
                + (withCpu ? $" {Ratio(w.PerCpuSecond, h?.PerCpuSecond)} |" : ""));
        }
        return sb.ToString();
    }

    private static string Ratio(double a, double? b) => b is { } x && x > 0 && !double.IsNaN(a) ? Invariant($"{a / x:0.00}") : "-";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed record Cell(double Rps, double P50, double P99, long Errors, int Rounds, double CpuSeconds, double PerCpuSecond)
    {
        public static Cell Median(Measurement[] m) => new(
            Med(m.Select(x => x.Rps)), Med(m.Select(x => x.P50)), Med(m.Select(x => x.P99)), m.Sum(x => x.Errors), m.Length,
            Med(m.Select(x => x.ProxyCpuSeconds)), Med(m.Select(x => x.ProxyCpuSeconds > 0 ? x.Requests / x.ProxyCpuSeconds : double.NaN)));

        private static double Med(IEnumerable<double> values)
        {
            var v = values.Where(x => !double.IsNaN(x)).Order().ToArray();
            return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
        }
    }
}

/// <summary>One measured cell of one round, as run.sh writes it.</summary>
internal sealed record Measurement(int Round, string Case, string Tool, string Topology, double Rps, double P50, double P99, long Errors, long Requests, double ProxyCpuSeconds = double.NaN)
{
    public static bool TryParse(string line, out Measurement m)
    {
        m = null!;
        var f = line.Split('\t');
        var c = CultureInfo.InvariantCulture;
        var cpu = double.NaN;
        if (f.Length is not (9 or 10) || !int.TryParse(f[0], c, out var round) || (f.Length == 10 && !TryNumber(f[9], out cpu))
            || !TryNumber(f[4], out var rps) || !TryNumber(f[5], out var p50) || !TryNumber(f[6], out var p99)
            || !long.TryParse(f[7], c, out var errors) || !long.TryParse(f[8], c, out var requests))
            return false;
        m = new Measurement(round, f[1], f[2], f[3], rps, p50, p99, errors, requests, cpu);
        return true;
    }

    // "-" or "nan": the tool measured nothing (every request failed).
    private static bool TryNumber(string s, out double v)
    {
        if (s is "-" or "nan")
        {
            v = double.NaN;
            return true;
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v);
    }
}
