using System.CommandLine;
using Weft.Cli.Commands;
using Weft.Cli.Http;

namespace Weft.Cli;

/// <summary>The `weft` command line: builds the command tree and runs it with clean, one-line errors.</summary>
public static class WeftCli
{
    public static RootCommand Build(CliEnvironment env)
    {
        var root = new RootCommand("weft: a service mesh for VMs and containers that speaks Istio's configuration language")
        {
            CommonOptions.Server,
            CommonOptions.Token,
            UpCommand.Create(env),
            UpCommand.CreateDown(env),
            ApplyCommand.Create(env),
            GetCommand.Create(env),
            ApiResourcesCommand.Create(env),
            DescribeCommand.Create(env),
            DeleteCommand.Create(env),
            AnalyzeCommand.Create(env),
            VersionCommand.Create(env),
            CompletionCommand.Create(env),
            ProxyStatusCommand.Create(env), ProxyConfigCommand.Create(env),
            WorkloadTokenCommand.Create(env),
            GatewayCommand.Create(env),
            DemoCommand.Create(env),
        };
        return root;
    }

    /// <summary>Runs a command line; never lets an exception escape as a stack trace.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken ct = default)
    {
        var root = Build(env);
        var parse = root.Parse(args);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                // After Ctrl-C / SIGTERM a command gets this long to stop what it started (the demo stops
                // about twenty processes) before the pipeline gives up on it with 130; the default 2 s cut that short.
                ProcessTerminationTimeout = TimeSpan.FromSeconds(60),
                Output = env.Out,
                Error = env.Error,
            }, ct);
        }
        catch (CliException ex)
        {
            await env.Error.WriteLineAsync(ex.Message.StartsWith("Error from server", StringComparison.Ordinal) ? ex.Message : "error: " + ex.Message);
            return ex.ExitCode;
        }
        catch (ApiException ex)
        {
            await env.Error.WriteLineAsync(ex.Describe());
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 130;
        }
        catch (IOException ex)
        {
            await env.Error.WriteLineAsync("error: " + ex.Message);
            return ExitCodes.Failure;
        }
        catch (UnauthorizedAccessException ex)
        {
            await env.Error.WriteLineAsync("error: " + ex.Message);
            return ExitCodes.Failure;
        }
    }
}
