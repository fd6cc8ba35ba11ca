namespace Weft.Cli.Workloads;

/// <summary>
/// The annotations and labels a supervised workload's WorkloadEntry carries. Istio's own keys where
/// Istio has one (inject, tlsMode), Weft's for what Istio keeps on the pod instead.
/// </summary>
public static class WorkloadAnnotations
{
    /// <summary>Istio's opt-in / opt-out: "true" or "false" beats namespace membership.</summary>
    public const string Inject = "sidecar.istio.io/inject";

    /// <summary>What the workload is (VirtualMachine, Container, Process): shown, never treated differently.</summary>
    public const string Kind = "weft.io/kind";

    /// <summary>"true" while the workload runs with its sidecar, "false" without: the actual state, set by the supervisor.</summary>
    public const string Sidecar = "weft.io/sidecar";

    /// <summary>The supervisor that owns the entry: host and pid, so a stale entry can be recognised and removed.</summary>
    public const string Supervisor = "weft.io/supervisor";

    /// <summary>Istio's label for endpoints that run a sidecar (auto mTLS, HTTP/2 between sidecars).</summary>
    public const string TlsModeLabel = "security.istio.io/tlsMode";

    /// <summary>The namespace label that puts a namespace's workloads into the mesh.</summary>
    public const string InjectionLabel = "istio-injection";
}
