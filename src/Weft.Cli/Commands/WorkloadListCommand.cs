using System.Text.Json.Nodes;
using Weft.Cli.Output;
using Weft.Cli.Workloads;

namespace Weft.Cli.Commands;

/// <summary>
/// <c>weft get workloads [-n NS | -A]</c>: every WorkloadEntry as a workload, VMs and containers
/// side by side: KIND, LABELS, ADDRESS, SIDECAR (yes / no / unknown for entries no weft runs) and
/// HEALTH (the entry's Healthy condition).
/// </summary>
public static class WorkloadListCommand
{
    public static bool Handles(string kind) => kind is "workloads" or "workload" or "wl";

    public static async Task<int> RunAsync(CliEnvironment env, Config.ClientConfig config, string? ns, bool all, CancellationToken ct)
    {
        using var api = new MeshApi(config);
        var namespaceName = ns ?? config.Namespace;
        var items = await api.ListAsync(all ? MeshApi.WorkloadEntries : MeshApi.WorkloadEntriesIn(namespaceName), ct);
        if (items.Count == 0)
        {
            await env.Error.WriteLineAsync(all ? "No workloads found" : $"No workloads found in {namespaceName} namespace.");
            return ExitCodes.Ok;
        }
        var headers = new List<string> { "NAME", "KIND", "LABELS", "ADDRESS", "SIDECAR", "HEALTH", "AGE" };
        if (all)
            headers.Insert(0, "NAMESPACE");
        var table = new Table(headers);
        var now = env.Time.GetUtcNow();
        foreach (var e in items.OrderBy(e => MeshState.Str(e, "metadata", "namespace"), StringComparer.Ordinal).ThenBy(e => MeshState.Str(e, "metadata", "name"), StringComparer.Ordinal))
        {
            var cells = new List<string>
            {
                MeshState.Str(e, "metadata", "name") ?? "",
                MeshState.Str(e, "metadata", "annotations", WorkloadAnnotations.Kind) ?? "WorkloadEntry",
                Labels(e["spec"]?["labels"] as JsonObject),
                MeshState.Str(e, "spec", "address") ?? "<none>",
                MeshState.Str(e, "metadata", "annotations", WorkloadAnnotations.Sidecar) switch { "true" => "yes", "false" => "no", _ => "unknown" },
                Health(e),
                Age.Since(MeshState.Str(e, "metadata", "creationTimestamp"), now),
            };
            if (all)
                cells.Insert(0, MeshState.Str(e, "metadata", "namespace") ?? "");
            table.Add([.. cells]);
        }
        await env.Out.WriteAsync(table.ToString());
        return ExitCodes.Ok;
    }

    private static string Labels(JsonObject? labels) => labels is null || labels.Count == 0
        ? "<none>"
        : string.Join(",", labels.Where(kv => kv.Key != WorkloadAnnotations.TlsModeLabel).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

    private static string Health(JsonObject entry)
    {
        if (entry["status"]?["conditions"] is JsonArray conditions)
            foreach (var c in conditions.OfType<JsonObject>())
                if (MeshState.Str(c, "type") == "Healthy")
                    return MeshState.Str(c, "status") switch { "True" => "Healthy", "False" => "Unhealthy", _ => "Unknown" };
        return "Unknown";
    }
}
