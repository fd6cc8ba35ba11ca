using System.Globalization;

namespace Weft.Integration.Tests.Workloads;

/// <summary>
/// Every process whose environment has HOME set to a test's own home: the demo or supervisor a
/// test started and everything they started (apps, sidecars, weftd), however detached.
/// </summary>
internal static class HomeProcesses
{
    public static IReadOnlyList<string> Find(string home)
    {
        var marker = "HOME=" + home + "\0";
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                continue;
            try
            {
                var environ = File.ReadAllText(Path.Combine(dir, "environ"));
                if (!environ.Contains(marker, StringComparison.Ordinal))
                    continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (stat.Contains(") Z ", StringComparison.Ordinal))
                    continue;
                found.Add($"{name} {File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim()}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone in between, or not ours to read.
            }
        }
        return found;
    }

    /// <summary>Waits until no process of the home is left; returns those still there at the deadline.</summary>
    public static async Task<IReadOnlyList<string>> WaitForNoneAsync(string home, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = Find(home);
            if (left.Count == 0 || DateTime.UtcNow > deadline)
                return left;
            await Task.Delay(200);
        }
    }
}
