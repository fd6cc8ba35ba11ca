using System.CommandLine;
using System.Text.Json.Nodes;
using Weft.Cli.Workloads;

namespace Weft.Cli.Commands;

/// <summary>
/// <c>weft workload inject NAME -n NS [--sidecar=false]</c>: the labs' add-envoy step. Sets
/// <c>sidecar.istio.io/inject</c> on the workload's WorkloadEntry; its supervisor (wherever it
/// runs) restarts the app with a sidecar. Waits until it runs with one.
/// </summary>
public static class WorkloadInjectCommand
{
    public static Command Create(CliEnvironment env)
    {
        var name = new Argument<string>("NAME") { Description = "The workload's name" };
        var ns = CommonOptions.Namespace();
        var sidecar = new Option<bool>("--sidecar") { Description = "false removes the sidecar instead", DefaultValueFactory = _ => true };
        var wait = new Option<int>("--timeout") { Description = "Seconds to wait for the restart", DefaultValueFactory = _ => 90 };
        var inject = new Command("inject", "Restart a running workload with a sidecar (sets sidecar.istio.io/inject: \"true\")") { name, ns, sidecar, wait };
        inject.SetAction(async (r, ct) =>
        {
            var config = CommonOptions.Config(r, env);
            var workload = r.GetValue(name)!;
            var namespaceName = r.GetValue(ns) ?? config.Namespace;
            var want = r.GetValue(sidecar) ? "true" : "false";
            using var api = new MeshApi(config);
            var path = MeshApi.WorkloadEntryPath(namespaceName, workload);
            var found = await api.UpdateAsync(path, e =>
            {
                if (MeshState.Str(e, "metadata", "annotations", WorkloadAnnotations.Supervisor) is null)
                    throw new CliException($"workload {namespaceName}/{workload} is not run by `weft workload run` or `weft demo` (its WorkloadEntry has no {WorkloadAnnotations.Supervisor} annotation); restart it with its sidecar yourself");
                var annotations = (JsonObject)e["metadata"]!["annotations"]!;
                if (MeshState.Str(annotations, WorkloadAnnotations.Inject) == want)
                    return false;
                annotations[WorkloadAnnotations.Inject] = want;
                return true;
            }, ct);
            if (!found)
                throw new CliException($"workload \"{workload}\" not found in namespace \"{namespaceName}\" (no WorkloadEntry); `weft get workloads -A` lists them");
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(r.GetValue(wait));
            while (true)
            {
                var entry = await api.TryGetAsync(path, ct);
                if (entry is not null && MeshState.Str(entry, "metadata", "annotations", WorkloadAnnotations.Sidecar) == want)
                    break;
                if (DateTime.UtcNow > deadline)
                    throw new CliException($"workload {namespaceName}/{workload} was asked for {(want == "true" ? "a" : "no")} sidecar but its supervisor did not restart it within {r.GetValue(wait)}s (is it still running? its log is under ~/.weft/workloads/{namespaceName}/{workload}/)");
                await Task.Delay(250, ct);
            }
            await env.Out.WriteLineAsync(want == "true"
                ? $"workload {namespaceName}/{workload} restarted with a sidecar"
                : $"workload {namespaceName}/{workload} restarted without a sidecar");
            return ExitCodes.Ok;
        });
        return inject;
    }
}
