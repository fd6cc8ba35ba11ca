using System.Diagnostics;
using System.Globalization;

namespace Weft.Bench.Tools;

/// <summary>
/// What other processes (the proxies under test) spend while the rate client measures: CPU time
/// (utime + stime from <c>/proc/PID/stat</c>) between two samples taken at the edges of the
/// measured window, and resident memory (VmRSS, VmHWM from <c>/proc/PID/status</c>) at its end.
/// </summary>
internal sealed class ProcessMeter(IReadOnlyList<(string Name, int Pid)> processes)
{
    /// <summary>Linux's USER_HZ: the unit of utime and stime, 100 on every x86-64 and arm64 kernel.</summary>
    private const double TicksPerSecond = 100;

    public IReadOnlyList<(string Name, int Pid)> Processes { get; } = processes;

    /// <summary>Reads <c>--pids name=PID,name=PID</c>; names become keys of the output line, so letters, digits, '-' and '_' only.</summary>
    public static ProcessMeter Parse(string? text, List<string> errors)
    {
        var list = new List<(string, int)>();
        foreach (var item in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = item.Split('=', 2);
            if (kv.Length != 2 || kv[0].Length == 0 || !kv[0].All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_')
                || !int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
                errors.Add($"cannot parse '{item}' for option '--pids': expected NAME=PID such as client=1234 (NAME of letters, digits, '-' and '_')");
            else if (!File.Exists($"/proc/{pid}/stat"))
                errors.Add($"cannot watch '{item}' of option '--pids': no process {pid} (no /proc/{pid}/stat)");
            else
                list.Add((kv[0], pid));
        }
        return new ProcessMeter(list);
    }

    public Sample Take()
    {
        var ticks = new long[Processes.Count];
        for (var i = 0; i < ticks.Length; i++)
            ticks[i] = CpuTicks(Processes[i].Pid);
        return new Sample(Stopwatch.GetTimestamp(), ticks);
    }

    public IReadOnlyList<ProcessUsage> Usage(Sample before, Sample after)
    {
        var window = Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds;
        var usage = new List<ProcessUsage>(Processes.Count);
        for (var i = 0; i < Processes.Count; i++)
        {
            var (rss, hwm) = Memory(Processes[i].Pid);
            var cpu = before.Ticks[i] < 0 || after.Ticks[i] < 0 ? double.NaN : (after.Ticks[i] - before.Ticks[i]) / TicksPerSecond;
            usage.Add(new ProcessUsage(Processes[i].Name, cpu, window, rss, hwm));
        }
        return usage;
    }

    /// <summary>utime + stime (fields 14 and 15), counted after the command name, which may hold spaces and parentheses; -1 when the process is gone.</summary>
    private static long CpuTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is field 3 (state): utime is field 14, stime field 15.
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private static (long RssKb, long PeakKb) Memory(int pid)
    {
        long rss = -1, hwm = -1;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    rss = Kb(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    hwm = Kb(line);
            }
        }
        catch (IOException)
        {
        }
        return (rss, hwm);

        static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    public sealed record Sample(long Timestamp, long[] Ticks);
}

/// <summary>One watched process over the measured window: CPU seconds, the window's length, and its memory at the end.</summary>
internal sealed record ProcessUsage(string Name, double CpuSeconds, double WindowSeconds, long RssKb, long PeakRssKb);
