using System.CommandLine;
using System.Globalization;
using Weft.Api.Documents;
using Weft.Cli.Output;

namespace Weft.Cli.Commands;

/// <summary>
/// `weft proxy-status [WORKLOAD[.NS]] [-o json]`: every proxy the control plane knows, as
/// istioctl's proxy-status: connected or not, the snapshot version last sent against the one
/// acknowledged, and the last NACK.
/// </summary>
public static class ProxyStatusCommand
{
    public static Command Create(CliEnvironment env)
    {
        var workload = new Argument<string?>("WORKLOAD[.NS]") { Description = "Only this proxy", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--output", "-o") { Description = "Output format: json" };
        var command = new Command("proxy-status", "Show each proxy's connection and config sync state (SYNCED, STALE, NACKED, DISCONNECTED)") { workload, output };
        command.SetAction(async (r, ct) =>
        {
            using var client = CommonOptions.Client(r, env);
            var list = await ProxyStatusList.ListAsync(client, ct);
            if (r.GetValue(workload) is { } w)
            {
                var (name, ns) = ProxyStatusList.Split(w, client.Config.Namespace);
                list = [.. list.Where(p => p.GetString("name") == name && p.GetString("namespace") == ns)];
                if (list.Count == 0)
                    throw new CliException($"no proxy \"{name}\" in namespace \"{ns}\" has connected to the control plane at {client.Config.Server}");
            }
            var format = r.GetValue(output);
            if (format is "json")
            {
                await env.Out.WriteLineAsync(NodeWriter.ToJson(new SeqNode(list), indented: true));
                return ExitCodes.Ok;
            }
            if (format is not null)
                throw new CliException($"unknown output format \"{format}\" for --output; expected json");
            if (list.Count == 0)
            {
                await env.Out.WriteLineAsync($"No proxies have connected to the control plane at {client.Config.Server}.");
                return ExitCodes.Ok;
            }
            var now = env.Time.GetUtcNow();
            // IDENTITY: what the proxy's workload certificate proved on weftd's TLS port, or that its stream is plaintext.
            var table = new Table(["NAME", "ADDRESS", "STATUS", "VERSION SENT", "VERSION ACKED", "LAST NACK", "IDENTITY"]);
            foreach (var p in list)
                table.Add(p.GetString("id") ?? "", p.GetString("address") ?? "-", Status(p), p.GetString("sentVersion") ?? "-", p.GetString("ackedVersion") ?? "-", LastNack(p, now),
                    p.GetString("identity") ?? "none (plaintext)");
            await env.Out.WriteAsync(table.ToString());
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// DISCONNECTED when the stream is gone; NACKED when the last answer to what was sent is a
    /// rejection; SYNCED when the proxy acknowledged the version last sent; STALE otherwise
    /// (sent, not yet acknowledged).
    /// </summary>
    public static string Status(MapNode p)
    {
        if (p.GetString("connected") != "true")
            return "DISCONNECTED";
        var sent = p.GetString("sentVersion");
        if (p.GetMap("lastNack") is { } nack && nack.GetString("version") == sent && sent != p.GetString("ackedVersion"))
            return "NACKED";
        return sent is not null && sent == p.GetString("ackedVersion") ? "SYNCED" : "STALE";
    }

    private static string LastNack(MapNode p, DateTimeOffset now)
    {
        if (p.GetMap("lastNack") is not { } nack)
            return "-";
        var error = (nack.GetString("error") ?? "").Split('\n')[0];
        var at = DateTimeOffset.TryParse(nack.GetString("at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? Age.Format(now - t) + " ago: " : "";
        return $"{at}{nack.GetString("version")}: {error}";
    }
}
