using System.Text.Json.Nodes;
using Weft.Cli.Workloads;

namespace Weft.Cli.Demo;

/// <summary>
/// ~/.weft/demo/demo.json while a demo runs: its pid, REST address and discovery address, so
/// `weft demo mesh` and a second `weft demo` find it.
/// </summary>
public sealed record DemoState(int Pid, string Server, string Discovery)
{
    public static string Root(CliEnvironment env) => Path.Combine(env.WeftHome, "demo");

    public static string FilePath(CliEnvironment env) => Path.Combine(Root(env), "demo.json");

    public void Save(CliEnvironment env) =>
        File.WriteAllText(FilePath(env), new JsonObject { ["pid"] = Pid, ["server"] = Server, ["discovery"] = Discovery }.ToJsonString());

    /// <summary>The running demo, or null (none recorded, or its process is gone).</summary>
    public static DemoState? Running(CliEnvironment env)
    {
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(FilePath(env)));
            var state = new DemoState(node?["pid"]?.GetValue<int>() ?? 0, node?["server"]?.GetValue<string>() ?? "", node?["discovery"]?.GetValue<string>() ?? "");
            return state.Pid > 0 && WorkloadHome.IsAlive(state.Pid) ? state : null;
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
