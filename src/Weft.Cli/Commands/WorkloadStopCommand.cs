using System.CommandLine;
using Weft.Cli.Workloads;

namespace Weft.Cli.Commands;

/// <summary><c>weft workload stop NAME -n NS</c>: stops a workload started with <c>weft workload run --detach</c> on this machine.</summary>
public static class WorkloadStopCommand
{
    public static Command Create(CliEnvironment env)
    {
        var name = new Argument<string>("NAME") { Description = "The workload's name" };
        var ns = CommonOptions.Namespace();
        var stop = new Command("stop", "Stop a workload started with `weft workload run --detach` (its app, sidecar and WorkloadEntry)") { name, ns };
        stop.SetAction(async (r, ct) =>
        {
            var workload = r.GetValue(name)!;
            var namespaceName = r.GetValue(ns) ?? CommonOptions.Config(r, env).Namespace;
            var found = WorkloadHome.LiveSupervisors(env).FirstOrDefault(s => s.Namespace == namespaceName && s.Name == workload);
            if (found.Pid == 0)
                throw new CliException($"no workload {namespaceName}/{workload} runs in the background on this machine (for this user); `weft get workloads -A` lists the mesh's workloads");
            if (!await WorkloadHome.TerminateAsync(found.Pid, TimeSpan.FromSeconds(30), ct))
                throw new CliException($"workload {namespaceName}/{workload} (supervisor pid {found.Pid}) did not stop within 30s");
            await env.Out.WriteLineAsync($"Workload {namespaceName}/{workload} stopped (its app, sidecar and WorkloadEntry).");
            return ExitCodes.Ok;
        });
        return stop;
    }
}
