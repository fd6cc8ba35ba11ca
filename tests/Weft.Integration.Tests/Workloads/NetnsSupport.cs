using System.Globalization;
using Weft.Testing;

namespace Weft.Integration.Tests.Workloads;

/// <summary>Whether this machine can run the network-namespace tests, and if not, why (the reason a skipping test gives).</summary>
internal static class NetnsSupport
{
    private static int _probes;

    /// <summary>Root, ip, iptables and setpriv (and <paramref name="tools"/>), and a namespace that can really be created with a usable nat table; else why not.</summary>
    public static async Task<string?> WhyUnavailableAsync(params (string Tool, string Package)[] tools)
    {
        var uid = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[1];
        if (uid != "0")
            return $"network namespaces need root; this test runs as uid {uid}";
        foreach (var (tool, package) in new[] { ("ip", "iproute2"), ("iptables", "iptables"), ("setpriv", "util-linux") }.Concat(tools))
            if (!new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin" }.Any(d => File.Exists(Path.Combine(d, tool))))
                return $"`{tool}` is not installed (Debian package {package}); ./test.sh installs it";
        var probe = $"weft-probe-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Interlocked.Increment(ref _probes).ToString(CultureInfo.InvariantCulture)}";
        var add = await Run.CommandAsync("ip", ["netns", "add", probe]);
        if (add.ExitCode != 0)
            return $"`ip netns add` fails here: {add.Output.Trim()}";
        var nat = await Run.CommandAsync("ip", ["netns", "exec", probe, "iptables", "-t", "nat", "-S"]);
        await Run.CommandAsync("ip", ["netns", "del", probe]);
        return nat.ExitCode != 0 ? $"iptables' nat table is not usable in a network namespace here: {nat.Output.Trim()}" : null;
    }
}
