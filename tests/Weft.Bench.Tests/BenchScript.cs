using Weft.Testing;

namespace Weft.Bench.Tests;

/// <summary>Runs bench/run.sh as a user would, on the build the tests run on (--no-build).</summary>
internal static class BenchScript
{
    public static string Path => System.IO.Path.Combine(Repo.Root, "bench", "run.sh");

    public static Task<Run.Result> RunAsync(TimeSpan timeout, params string[] args) =>
        Run.CommandAsync("bash", [Path, .. args], new Dictionary<string, string?> { ["WEFT_ARTIFACTS"] = Repo.Artifacts }, timeout: timeout, workingDirectory: Repo.Root);

    /// <summary>Installs the load peers when it may; skips the test, saying which and why, when one is still missing.</summary>
    public static async Task RequirePeersAsync()
    {
        var r = await RunAsync(TimeSpan.FromMinutes(5), "peers");
        var missing = r.StdOut.Split('\n').Where(l => l.Contains(": missing", StringComparison.Ordinal)).ToList();
        if (missing.Count > 0)
            Assert.Skip($"the load benchmark's peers are not installed and could not be ({string.Join("; ", missing)}); run bench/run.sh peers as root. Output:\n{r.Output}");
        r.ExitCode.Should().Be(0, r.Output);
    }

    /// <summary>The rows of the Markdown table whose header line (or a line before it) contains <paramref name="heading"/>.</summary>
    public static List<string[]> TableAfter(string text, string heading)
    {
        var lines = text.Split('\n');
        var start = Array.FindIndex(lines, l => l.Contains(heading, StringComparison.Ordinal));
        start.Should().BeGreaterThanOrEqualTo(0, $"the output should contain \"{heading}\":\n{text}");
        var rows = new List<string[]>();
        var i = start;
        while (i < lines.Length && !lines[i].StartsWith('|'))
            i++;
        for (i += 2; i < lines.Length && lines[i].StartsWith('|'); i++)
            rows.Add([.. lines[i].Trim().Trim('|').Split('|').Select(c => c.Trim().Trim('*'))]);
        return rows;
    }
}
