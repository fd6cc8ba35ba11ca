namespace Weft.Discovery.Snapshot;

/// <summary>How an application's traffic reaches its sidecar.</summary>
public enum InterceptionMode
{
    /// <summary>
    /// The sidecar binds the workload's address: its service ports (the app listens behind them,
    /// see <see cref="NodeInfo.InboundPorts"/>) and 15001, the HTTP proxy the app is told to use
    /// (HTTP_PROXY). Weft's default: needs no privileges.
    /// </summary>
    Explicit,

    /// <summary>iptables REDIRECT to 15001/15006 with the original destination recovered, as istio-iptables does.</summary>
    Transparent,
}
