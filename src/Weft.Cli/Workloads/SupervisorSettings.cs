namespace Weft.Cli.Workloads;

/// <summary>
/// What every supervisor of one process shares: the control plane (REST API, its state, the
/// discovery address sidecars connect to), where programs and files are, and where output goes.
/// </summary>
public sealed record SupervisorSettings
{
    public required MeshApi Api { get; init; }

    public required MeshView View { get; init; }

    /// <summary>Where sidecars open their push stream, e.g. https://127.0.0.1:15012 (weftd's TLS port, where a sidecar proves its identity with its certificate).</summary>
    public required string DiscoveryAddress { get; init; }

    /// <summary>weft-proxy's dll (or executable).</summary>
    public required string ProxyProgram { get; init; }

    /// <summary>Per-workload folders (STATE/NS/NAME: the sidecar's data, logs, token) live here.</summary>
    public required string StateDirectory { get; init; }

    public required LoopbackAllocator Addresses { get; init; }

    /// <summary>One line per thing the supervisor does (started, exited, restarting, injected).</summary>
    public Action<string> Log { get; init; } = _ => { };

    /// <summary>Where a workload's app and sidecar output goes: (workload, "app" or "sidecar") to a line sink.</summary>
    public Func<WorkloadSpec, string, Action<string>> Output { get; init; } = (_, _) => _ => { };

    /// <summary>Extra environment for every program the supervisors start (the demo turns server GC off to save memory).</summary>
    public IReadOnlyDictionary<string, string?> ChildEnvironment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Ask the CA for a certificate (bootstrap token) for each sidecar when the control plane has a certificate endpoint.</summary>
    public bool Certificates { get; init; } = true;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long a sidecar may take to serve its first snapshot.</summary>
    public TimeSpan SidecarReadyTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How often the supervisor looks at its processes, the desired sidecar state and the app's health.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(500);
}
