namespace Weft.Testing;

/// <summary>
/// The real `weft` program, run as a user would run it, with a HOME of its own (so its client
/// config, detached control plane and data never meet another test's).
/// </summary>
public sealed class WeftCli : IAsyncDisposable
{
    private readonly TempDir _home;
    private readonly Dictionary<string, string?> _env = new(StringComparer.Ordinal);

    public WeftCli()
    {
        _home = Repo.TempDir("weft-home");
        _env["HOME"] = _home.Path;
        _env["WEFT_SERVER"] = null;
        _env["WEFT_TOKEN"] = null;
    }

    public string Home => _home.Path;

    public TempDir Files { get; } = Repo.TempDir("weft-files");

    public WeftCli Env(string name, string? value)
    {
        _env[name] = value;
        return this;
    }

    public Task<Run.Result> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    public Task<Run.Result> RunWithInputAsync(string? stdin, params string[] args) =>
        Run.CommandAsync(Repo.Binary("Weft.Cli", "weft"), args, _env, stdin, TimeSpan.FromSeconds(120), Home);

    /// <summary>Runs a command that must succeed; fails the test with its output otherwise.</summary>
    public async Task<Run.Result> MustAsync(params string[] args)
    {
        var r = await RunAsync(args);
        if (r.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"weft {string.Join(' ', args)} exited with {r.ExitCode}:\n{r.Output}");
        return r;
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever a test started in the background is stopped with it.
        if (File.Exists(Path.Combine(Home, ".weft", "weftd.pid")))
            await RunAsync("down");
        _home.Dispose();
        Files.Dispose();
    }
}
