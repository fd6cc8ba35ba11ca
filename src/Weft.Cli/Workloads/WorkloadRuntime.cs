using Weft.Cli.Config;

namespace Weft.Cli.Workloads;

/// <summary>
/// The shared pieces one process needs to supervise workloads (REST client, mesh view, address
/// book, settings), created together and disposed together.
/// </summary>
public sealed class WorkloadRuntime : IAsyncDisposable
{
    private WorkloadRuntime(MeshApi api, MeshView view, SupervisorSettings settings)
    {
        Api = api;
        View = view;
        Settings = settings;
    }

    public MeshApi Api { get; }

    public MeshView View { get; }

    public SupervisorSettings Settings { get; }

    public static WorkloadRuntime Create(CliEnvironment env, ClientConfig config, string discoveryAddress, string stateDirectory,
        Action<string> log, Func<WorkloadSpec, string, Action<string>> output, IReadOnlyDictionary<string, string?>? childEnvironment = null)
    {
        var api = new MeshApi(config);
        var view = new MeshView(api);
        var settings = new SupervisorSettings
        {
            Api = api,
            View = view,
            DiscoveryAddress = discoveryAddress,
            ProxyProgram = ProgramLocator.Proxy(env),
            StateDirectory = stateDirectory,
            Addresses = new LoopbackAllocator(WorkloadHome.Root(env)),
            Log = log,
            Output = output,
            ChildEnvironment = childEnvironment ?? new Dictionary<string, string?>(),
            Time = env.Time,
        };
        return new WorkloadRuntime(api, view, settings);
    }

    /// <summary>The program for a command's first word: `weft-samples` is the built sample apps when not on PATH.</summary>
    public static IReadOnlyList<string> ResolveCommand(CliEnvironment env, IReadOnlyList<string> command)
    {
        if (command.Count > 0 && command[0] == "weft-samples" && !OnPath(env, "weft-samples"))
            return [ProgramLocator.Samples(env), .. command.Skip(1)];
        return command;
    }

    private static bool OnPath(CliEnvironment env, string program) =>
        (env.GetEnv("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, program)));

    public async ValueTask DisposeAsync()
    {
        await View.DisposeAsync();
        Api.Dispose();
    }
}
