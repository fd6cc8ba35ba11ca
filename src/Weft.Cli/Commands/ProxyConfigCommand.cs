using System.CommandLine;
using System.Text.Json;
using Weft.Discovery.Codec;
using Weft.Discovery.Snapshot;

namespace Weft.Cli.Commands;

/// <summary>
/// `weft proxy-config listeners|routes|clusters|endpoints|all WORKLOAD[.NS] [-o json]`: what one
/// proxy runs, read from its admin endpoint (/config_dump, and /clusters for endpoint health)
/// at the address the control plane reports, as istioctl's proxy-config tables.
/// </summary>
public static class ProxyConfigCommand
{
    public static readonly string[] Parts = ["listeners", "routes", "clusters", "endpoints", "all"];

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("proxy-config", "Show the listeners, routes, clusters or endpoints one proxy runs (read from its admin endpoint)");
        foreach (var part in Parts)
            command.Subcommands.Add(Part(env, part));
        return command;
    }

    private static Command Part(CliEnvironment env, string part)
    {
        var workload = new Argument<string>("WORKLOAD[.NS]") { Description = "The proxy: its workload name, and namespace (else -n, else the default)" };
        var ns = CommonOptions.Namespace();
        var output = new Option<string?>("--output", "-o") { Description = "Output format: json (the proxy's own JSON)" };
        var command = new Command(part, $"Show the proxy's {(part == "all" ? "whole config" : part)}") { workload, ns, output };
        command.SetAction(async (r, ct) =>
        {
            var format = r.GetValue(output);
            if (format is not (null or "json"))
                throw new CliException($"unknown output format \"{format}\" for --output; expected json");
            using var client = CommonOptions.Client(r, env);
            var (proxy, admin) = await ProxyStatusList.FindAsync(client, r.GetValue(workload)!, r.GetValue(ns) ?? client.Config.Namespace, ct);
            using var http = new HttpClient { BaseAddress = new Uri($"http://{admin}/"), Timeout = TimeSpan.FromSeconds(10) };
            var dump = await GetAsync(http, "config_dump", proxy, ct);
            using var doc = JsonDocument.Parse(dump);
            if (!doc.RootElement.TryGetProperty("snapshot", out var snapshotJson) || snapshotJson.ValueKind != JsonValueKind.Object)
                throw new CliException($"proxy {proxy.GetString("id")} serves no snapshot yet (its admin endpoint at {admin} says so)");
            var snapshot = snapshotJson.Deserialize(SnapshotJsonContext.Default.ProxySnapshot)
                ?? throw new CliException($"the config dump of {proxy.GetString("id")} has no snapshot");
            string? clusters = part is "endpoints" or "all" ? await GetAsync(http, "clusters?format=json", proxy, ct) : null;
            if (format is "json")
            {
                await env.Out.WriteLineAsync(part switch
                {
                    "all" => dump,
                    "endpoints" => clusters!,
                    "routes" => snapshotJson.GetProperty("routeConfigurations").ToString(),
                    _ => snapshotJson.TryGetProperty(part, out var p) ? p.ToString() : "[]",
                });
                return ExitCodes.Ok;
            }
            await env.Out.WriteAsync(part switch
            {
                "listeners" => ProxyConfigTables.Listeners(snapshot),
                "routes" => ProxyConfigTables.Routes(snapshot),
                "clusters" => ProxyConfigTables.Clusters(snapshot),
                "endpoints" => ProxyConfigTables.Endpoints(clusters!),
                _ => All(snapshot, clusters!),
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string All(ProxySnapshot snapshot, string clusters) =>
        $"{ProxyConfigTables.Listeners(snapshot)}\n{ProxyConfigTables.Routes(snapshot)}\n{ProxyConfigTables.Clusters(snapshot)}\n{ProxyConfigTables.Endpoints(clusters)}";

    private static async Task<string> GetAsync(HttpClient http, string path, Weft.Api.Documents.MapNode proxy, CancellationToken ct)
    {
        try
        {
            return await http.GetStringAsync(path, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            var connected = proxy.GetString("connected") == "true" ? "connected" : "disconnected";
            throw new CliException($"cannot read {http.BaseAddress}{path} of proxy {proxy.GetString("id")} ({connected}): {e.Message}");
        }
    }
}
