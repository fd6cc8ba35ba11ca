using System.CommandLine;
using System.Reflection;
using Weft.Api.Documents;
using Weft.Cli.Http;

namespace Weft.Cli.Commands;

/// <summary>`weft version`: the client's version, and the control plane's when it answers.</summary>
public static class VersionCommand
{
    public static string ClientVersion =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static Command Create(CliEnvironment env)
    {
        var clientOnly = new Option<bool>("--client") { Description = "Only the client's version" };
        var command = new Command("version", "Print the client and control plane versions") { clientOnly };
        command.SetAction(async (r, ct) =>
        {
            await env.Out.WriteLineAsync($"client version: {ClientVersion}");
            if (r.GetValue(clientOnly))
                return ExitCodes.Ok;
            using var client = CommonOptions.Client(r, env);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                var v = await client.GetAsync("version", timeout.Token);
                var text = (v as MapNode)?.GetString("version") ?? (v as MapNode)?.GetString("gitVersion") ?? NodeWriter.ToJson(v, indented: false);
                await env.Out.WriteLineAsync($"control plane version: {text} ({client.Config.Server})");
            }
            catch (Exception ex) when (ex is CliException or ApiException or OperationCanceledException)
            {
                await env.Out.WriteLineAsync($"control plane: not reachable at {client.Config.Server}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
