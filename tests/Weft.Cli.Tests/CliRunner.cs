using Weft.Testing;

namespace Weft.Cli.Tests;

/// <summary>Runs the CLI in-process with its own HOME and captured output.</summary>
public sealed class CliRunner : IDisposable
{
    private readonly TempDir _home = Repo.TempDir("weft-cli-home");
    private readonly Dictionary<string, string?> _env = new(StringComparer.Ordinal);

    public string Home => _home.Path;

    public TempDir Files { get; } = Repo.TempDir("weft-cli-files");

    public CliRunner Env(string name, string? value)
    {
        _env[name] = value;
        return this;
    }

    public sealed record Result(int ExitCode, string Out, string Err);

    public async Task<Result> RunAsync(params string[] args) => await RunWithInputAsync("", args);

    public async Task<Result> RunWithInputAsync(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var env = new CliEnvironment
        {
            Out = stdout,
            Error = stderr,
            In = new StringReader(stdin),
            GetEnv = name => name == "HOME" ? Home : _env.TryGetValue(name, out var v) ? v : null,
        };
        var code = await WeftCli.RunAsync(args, env, TestContext.Current.CancellationToken);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        _home.Dispose();
        Files.Dispose();
    }
}
