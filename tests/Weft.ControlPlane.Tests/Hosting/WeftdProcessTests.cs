using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Weft.ControlPlane.Tests.Http;
using Weft.Testing;

namespace Weft.ControlPlane.Tests.Hosting;

/// <summary>weftd as a process: its ready line, data directory, token, signals and isolation.</summary>
public class WeftdProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Weftd_prints_exactly_one_line_to_stdout_when_ready_and_logs_to_stderr()
    {
        using var dir = Repo.TempDir("weftd");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Repo.Binary("Weft.ControlPlane", "weftd"), "--data-dir", dir.File("data"), "--listen", "127.0.0.1:0" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync(Ct);
        try
        {
            var ready = await p.StandardOutput.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct);
            ready.Should().MatchRegex(@"^weftd listening on http://127\.0\.0\.1:\d+$");
            var port = int.Parse(ready![(ready!.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            port.Should().BeGreaterThan(0, "port 0 is replaced by the real port");
            using (var probe = new HttpClient())
                (await probe.GetStringAsync($"http://127.0.0.1:{port}/healthz", Ct)).Should().Be("ok");
        }
        finally
        {
            using var kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await p.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        }
        (await p.StandardOutput.ReadToEndAsync(Ct)).Should().BeEmpty("stdout carries the ready line and nothing else");
        p.ExitCode.Should().Be(0);
        var log = await stderr;
        log.Should().Contain("[1010] weftd started: REST API at http://127.0.0.1:").And.Contain("[1012] weftd stopped");
    }

    [Fact]
    public async Task The_first_start_creates_a_private_data_directory_and_a_random_token_that_later_starts_keep()
    {
        using var dir = Repo.TempDir("weftd");
        var dataDir = Path.Combine(dir.Path, "nested", "data");
        string token;
        await using (var weftd = await WeftdProcess.StartAsync(new WeftdStart { DataDir = dataDir }, Ct))
        {
            File.GetUnixFileMode(dataDir).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.GetUnixFileMode(Path.Combine(dataDir, "token")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            weftd.Token.Should().MatchRegex("^[A-Za-z0-9_-]{43}$", "32 random bytes in base64url without padding");
            File.Exists(Path.Combine(dataDir, "store.db")).Should().BeTrue();
            token = weftd.Token;
            (await weftd.StopAsync()).Should().Be(0);
        }
        await using (var again = await WeftdProcess.StartAsync(new WeftdStart { DataDir = dataDir }, Ct))
            again.Token.Should().Be(token);
        await using var other = await WeftdProcess.StartAsync(Ct);
        other.Token.Should().NotBe(token);
    }

    [Fact]
    public async Task SIGTERM_stops_weftd_gracefully_even_during_a_watch()
    {
        await using var weftd = await WeftdProcess.StartAsync(Ct);
        using var api = weftd.CreateClient();
        await using var watch = await WatchReader.OpenAsync(api, "api/v1/namespaces/x/configmaps?watch=true");
        var sw = Stopwatch.StartNew();
        (await weftd.StopAsync()).Should().Be(0);
        sw.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8), "open watches end when weftd stops instead of holding the shutdown");
        weftd.Process.Output.Should().Contain("[1011] weftd stopping").And.Contain("[1012] weftd stopped");
        (await watch.NextLineAsync()).Should().BeNull();
    }

    [Fact]
    public async Task With_exit_with_weftd_stops_gracefully_once_its_owner_process_is_gone()
    {
        using var owner = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart { Args = ["--exit-with", owner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)] }, Ct);
        await Task.Delay(1500, Ct);
        weftd.Process.HasExited.Should().BeFalse("its owner is still running");
        owner.Kill();
        (await weftd.Process.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
        weftd.Process.Output.Should().Contain($"weftd: process {owner.Id} (--exit-with) has exited; stopping").And.Contain("[1012] weftd stopped");
    }

    [Fact]
    public async Task A_second_weftd_on_the_same_data_directory_refuses_to_start()
    {
        await using var first = await WeftdProcess.StartAsync(Ct);
        var result = await Run.CommandAsync(Repo.Binary("Weft.ControlPlane", "weftd"), ["--data-dir", first.DataDir, "--listen", "127.0.0.1:0"], timeout: TimeSpan.FromSeconds(30));
        result.ExitCode.Should().Be(1);
        result.StdOut.Should().BeEmpty();
        result.StdErr.Should().Contain($"weftd: another weftd is already using the data directory {first.DataDir} (it holds {first.DataDir}/weftd.lock); stop it or pass another --data-dir");
    }

    [Fact]
    public async Task A_bad_command_line_names_every_problem_and_exits_2()
    {
        var result = await Run.CommandAsync(Repo.Binary("Weft.ControlPlane", "weftd"), ["--listen", "nowhere", "--watch-history", "0", "--colour"],
            timeout: TimeSpan.FromSeconds(30));
        result.ExitCode.Should().Be(2);
        result.StdErr.Should().Be(string.Join('\n',
            "weftd: --listen: \"nowhere\" is not ADDR:PORT (for example 127.0.0.1:20001, [::1]:20001 or :20001)",
            "weftd: --watch-history: \"0\" is not a number of revisions (a whole number, at least 1)",
            "weftd: unknown option --colour",
            "Run weftd --help for the options.",
            ""));
    }

    [Fact]
    public async Task Two_weftd_with_different_HOME_directories_share_nothing()
    {
        using var homeA = Repo.TempDir("home-a");
        using var homeB = Repo.TempDir("home-b");
        await using var a = await WeftdProcess.StartAsync(new WeftdStart { Home = homeA.Path }, Ct);
        await using var b = await WeftdProcess.StartAsync(new WeftdStart { Home = homeB.Path }, Ct);
        a.DataDir.Should().Be(Path.Combine(homeA.Path, ".weft", "data"));
        File.Exists(Path.Combine(a.DataDir, "store.db")).Should().BeTrue();
        File.Exists(Path.Combine(b.DataDir, "store.db")).Should().BeTrue();
        a.BaseAddress.Should().NotBe(b.BaseAddress);
        a.Token.Should().NotBe(b.Token);

        using var apiA = a.CreateClient();
        using var apiB = b.CreateClient();
        using var bWithTokenOfA = b.CreateClient(a.Token);
        (await apiA.ApiPostAsync("api/v1/namespaces/only-in-a/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"mine"}}"""))
            .Code.Should().Be(HttpStatusCode.Created);
        (await apiA.ApiGetAsync("api/v1/namespaces/only-in-a/configmaps/mine")).Code.Should().Be(HttpStatusCode.OK);
        (await apiB.ApiGetAsync("api/v1/namespaces/only-in-a/configmaps/mine")).Code.Should().Be(HttpStatusCode.NotFound);
        (await apiB.ApiGetAsync("api/v1/namespaces")).Body.Should().Be("""{"apiVersion":"v1","kind":"NamespaceList","metadata":{"resourceVersion":"1"},"items":[]}""");
        (await bWithTokenOfA.ApiGetAsync("api/v1/namespaces")).Code.Should().Be(HttpStatusCode.Unauthorized);
        Directory.GetFileSystemEntries(homeB.Path, "*", SearchOption.AllDirectories).Should().OnlyContain(p => p.StartsWith(homeB.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Weftd_refuses_a_damaged_store_and_says_which_file()
    {
        using var dir = Repo.TempDir("weftd");
        var dataDir = dir.File("data");
        Directory.CreateDirectory(dataDir);
        await File.WriteAllTextAsync(Path.Combine(dataDir, "store.db"), new string('#', 8192), Ct);
        var result = await Run.CommandAsync(Repo.Binary("Weft.ControlPlane", "weftd"), ["--data-dir", dataDir, "--listen", "127.0.0.1:0"], timeout: TimeSpan.FromSeconds(30));
        result.ExitCode.Should().Be(1);
        Regex.IsMatch(result.StdErr, $"weftd: cannot open the store {Regex.Escape(dataDir)}/store.db: SQLite Error 26: 'file is not a database'").Should().BeTrue(result.StdErr);
    }
}
