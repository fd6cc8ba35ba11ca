using System.CommandLine;
using Weft.Cli.Config;
using Weft.Cli.Demo;
using Weft.Cli.Workloads;

namespace Weft.Cli.Commands;

/// <summary>
/// <c>weft demo [--listen ADDR:PORT]</c> runs the Travel Booking demo until Ctrl-C;
/// <c>weft demo mesh</c>, from another terminal, brings all of it into the mesh (lab 3).
/// </summary>
public static class DemoCommand
{
    public static Command Create(CliEnvironment env)
    {
        var listen = new Option<string>("--listen")
        {
            Description = "Address and port of the demo's REST API (port 0 picks a free one)",
            DefaultValueFactory = _ => "127.0.0.1:20001",
        };
        var demo = new Command("demo", "Run the Travel Booking demo (VMs and containers, as in the OpenShift Service Mesh labs) until Ctrl-C") { listen, CreateMesh(env) };
        demo.SetAction((r, ct) => new DemoRunner(env, r.GetValue(listen)!).RunAsync(ct));
        return demo;
    }

    private static Command CreateMesh(CliEnvironment env)
    {
        var wait = new Option<int>("--timeout") { Description = "Seconds to wait for every sidecar", DefaultValueFactory = _ => 180 };
        var mesh = new Command("mesh", "Bring the running demo into the mesh: label its namespaces istio-injection=enabled and wait for every sidecar") { wait };
        mesh.SetAction(async (r, ct) =>
        {
            var running = DemoState.Running(env) ?? throw new CliException("no demo is running for this user; start one with `weft demo` in another terminal");
            var config = CommonOptions.Config(r, env) with { Server = running.Server };
            if (ClientConfig.Load(env) is { } saved && saved.Server == running.Server && r.GetValue(CommonOptions.Token) is null)
                config = config with { Token = saved.Token };
            using var api = new MeshApi(config);
            await api.ApplyAsync(TravelDemo.Namespaces.Select(n => TravelDemo.Namespace(n, meshed: true)), ct);
            await env.Out.WriteLineAsync($"Labelled {string.Join(", ", TravelDemo.Namespaces)} istio-injection=enabled; the workloads restart with sidecars:");
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(r.GetValue(wait));
            var done = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                var entries = (await api.ListAsync(MeshApi.WorkloadEntries, ct))
                    .Where(e => TravelDemo.Namespaces.Contains(MeshState.Str(e, "metadata", "namespace") ?? "")
                        && MeshState.Str(e, "metadata", "annotations", WorkloadAnnotations.Supervisor) is not null
                        && MeshState.Str(e, "metadata", "annotations", WorkloadAnnotations.Inject) != "false")
                    .ToList();
                foreach (var e in entries)
                {
                    var id = $"{MeshState.Str(e, "metadata", "namespace")}/{MeshState.Str(e, "metadata", "name")}";
                    if (MeshState.Str(e, "metadata", "annotations", WorkloadAnnotations.Sidecar) == "true" && done.Add(id))
                        await env.Out.WriteLineAsync($"  {id} has a sidecar");
                }
                var waiting = entries.Select(e => $"{MeshState.Str(e, "metadata", "namespace")}/{MeshState.Str(e, "metadata", "name")}").Where(id => !done.Contains(id)).ToList();
                if (waiting.Count == 0 && entries.Count > 0)
                    break;
                if (DateTime.UtcNow > deadline)
                    throw new CliException($"still without a sidecar after {r.GetValue(wait)}s: {string.Join(", ", waiting)} (see ~/.weft/demo/logs/)");
                await Task.Delay(300, ct);
            }
            await env.Out.WriteLineAsync($"Every workload of the demo runs with a sidecar ({done.Count}). `weft proxy-status` lists them.");
            return ExitCodes.Ok;
        });
        return mesh;
    }
}
