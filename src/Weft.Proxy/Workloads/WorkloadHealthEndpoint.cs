using System.Text.Json.Nodes;
using Weft.Discovery.Codec;

namespace Weft.Proxy.Workloads;

/// <summary>
/// Admin <c>GET /workload_health</c>: the WorkloadGroup probe's verdict (Healthy, Unhealthy,
/// Unknown before the first one, NoProbe), why, since when, and the counts behind it.
/// </summary>
public static class WorkloadHealthEndpoint
{
    public const string Path = "/workload_health";

    public static void Map(WebApplication app, WorkloadProber prober) =>
        app.MapGet(Path, () => Results.Text(Render(prober.State).ToJsonString(new() { WriteIndented = true }) + "\n", "application/json"));

    public static JsonObject Render(WorkloadHealthState s)
    {
        var o = new JsonObject
        {
            ["state"] = s.Probe is null ? "NoProbe" : s.Healthy switch { true => "Healthy", false => "Unhealthy", null => "Unknown" },
        };
        if (s.Probe is null)
            return o;
        o["probe"] = s.Target;
        o["reason"] = s.Report?.Message;
        o["since"] = s.Report?.At;
        o["consecutiveSuccesses"] = s.Successes;
        o["consecutiveFailures"] = s.Failures;
        o["lastResult"] = s.LastResult;
        o["lastProbeAt"] = s.LastProbeAt;
        o["transitions"] = s.Transitions;
        o["config"] = System.Text.Json.JsonSerializer.SerializeToNode(s.Probe, SnapshotJsonContext.Default.WorkloadProbe);
        return o;
    }
}
