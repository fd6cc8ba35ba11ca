using System.Collections.Immutable;

namespace Weft.Discovery.Snapshot;

/// <summary>Who a proxy is: sent in the hello of every push stream (xDS's Node).</summary>
public sealed record NodeInfo
{
    /// <summary>Workload name (e.g. <c>cars-vm-v2</c>).</summary>
    public required string Name { get; init; }

    public required string Namespace { get; init; }

    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public string ServiceAccount { get; init; } = "default";

    /// <summary>The workload's own address (its loopback address on one machine, the VM's address otherwise).</summary>
    public string? Address { get; init; }

    /// <summary>VirtualMachine, Container or Process: shown, never treated differently.</summary>
    public string Kind { get; init; } = "Process";

    public ProxyMode Mode { get; init; } = ProxyMode.Sidecar;

    public string ProxyVersion { get; init; } = "";

    /// <summary>
    /// Where the proxy's admin endpoint listens (<c>ip:port</c>), so the control plane and
    /// <c>weft proxy-config</c> can read its config dump. Null when the proxy did not say.
    /// </summary>
    public string? AdminAddress { get; init; }

    /// <summary>
    /// Where the proxy serves Prometheus metrics (<c>ip:port</c> of <c>/stats/prometheus</c>), for
    /// weftd's scrape and Prometheus service discovery. Null: the admin address serves them.
    /// </summary>
    public string? StatsAddress { get; init; }

    /// <summary>How the application's traffic reaches the proxy (explicit by default).</summary>
    public InterceptionMode Interception { get; init; } = InterceptionMode.Explicit;

    /// <summary>
    /// Explicit interception: the workload ports the sidecar owns on <see cref="Address"/> and
    /// where the application really listens behind it (weft-proxy <c>--inbound PORT=ADDR:PORT</c>).
    /// </summary>
    public ImmutableArray<InboundPortMapping> InboundPorts { get; init; } = [];

    /// <summary>
    /// The WorkloadGroup this proxy's workload belongs to (weft-proxy <c>--workload-group</c>): the
    /// control plane registers a WorkloadEntry for it from the group's template while it is connected.
    /// </summary>
    public string? WorkloadGroup { get; init; }

    /// <summary>Stable key of a proxy: <c>name.namespace</c>, as <c>weft proxy-status</c> shows it.</summary>
    public string Id => $"{Name}.{Namespace}";
}
