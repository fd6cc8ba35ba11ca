using System.Globalization;
using System.Text.Json.Nodes;

namespace Weft.Cli.Workloads;

/// <summary>
/// Where workloads run by this user keep their files: ~/.weft/workloads (the address book, and
/// NS/NAME/ per workload: the sidecar's data, logs and, for a detached one, supervisor.json with
/// its pid and control plane, so `weft workload stop` and `weft demo` can find it).
/// </summary>
public static class WorkloadHome
{
    public static string Root(CliEnvironment env) => Path.Combine(env.WeftHome, "workloads");

    public static string DirectoryOf(CliEnvironment env, string ns, string name) => Path.Combine(Root(env), ns, name);

    public static string SupervisorFile(CliEnvironment env, string ns, string name) => Path.Combine(DirectoryOf(env, ns, name), "supervisor.json");

    public static void WriteSupervisor(CliEnvironment env, string ns, string name, int pid, string server)
    {
        Directory.CreateDirectory(DirectoryOf(env, ns, name));
        File.WriteAllText(SupervisorFile(env, ns, name), new JsonObject { ["pid"] = pid, ["server"] = server, ["namespace"] = ns, ["name"] = name }.ToJsonString());
    }

    /// <summary>Every workload supervisor recorded under this HOME whose process is alive: (namespace, name, pid, server).</summary>
    public static IEnumerable<(string Namespace, string Name, int Pid, string Server)> LiveSupervisors(CliEnvironment env)
    {
        var root = Root(env);
        if (!Directory.Exists(root))
            yield break;
        foreach (var file in Directory.EnumerateFiles(root, "supervisor.json", SearchOption.AllDirectories))
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(File.ReadAllText(file));
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
            {
                continue;
            }
            var pid = node?["pid"]?.GetValue<int>() ?? 0;
            if (pid > 0 && IsAlive(pid))
                yield return (node!["namespace"]!.GetValue<string>(), node["name"]!.GetValue<string>(), pid, node["server"]?.GetValue<string>() ?? "");
        }
    }

    /// <summary>A log or state file another process may still be writing, read whole.</summary>
    public static async Task<string> ReadSharedAsync(string path, CancellationToken ct)
    {
        await using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(f);
        return await reader.ReadToEndAsync(ct);
    }

    /// <summary>Whether the process exists and is not a zombie waiting for its parent.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, then waits for the process to be gone; false when it outlived <paramref name="wait"/>.</summary>
    public static async Task<bool> TerminateAsync(int pid, TimeSpan wait, CancellationToken ct)
    {
        ChildProcess.Signal(pid, 15);
        var deadline = DateTime.UtcNow + wait;
        while (DateTime.UtcNow < deadline)
        {
            if (!IsAlive(pid))
                return true;
            await Task.Delay(100, ct);
        }
        return !IsAlive(pid);
    }
}
