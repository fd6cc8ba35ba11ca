namespace Weft.Proxy.Forwarding;

/// <summary>
/// Why a request ended the way it did, as Envoy's response flags: one token each in the access
/// log (comma separated, in this order) and in telemetry.
/// </summary>
[Flags]
public enum ResponseFlags
{
    None = 0,
    /// <summary>UH: no healthy upstream host.</summary>
    NoHealthyUpstream = 1 << 0,
    /// <summary>UF: upstream connection failure.</summary>
    UpstreamConnectionFailure = 1 << 1,
    /// <summary>UO: upstream overflow (circuit breaking).</summary>
    UpstreamOverflow = 1 << 2,
    /// <summary>NR: no route configured.</summary>
    NoRouteFound = 1 << 3,
    /// <summary>URX: retry limit reached, or retries overflowed.</summary>
    UpstreamRetryLimitExceeded = 1 << 4,
    /// <summary>UT: upstream request timeout.</summary>
    UpstreamRequestTimeout = 1 << 5,
    /// <summary>DC: downstream connection termination.</summary>
    DownstreamConnectionTermination = 1 << 6,
    /// <summary>DI: the request was delayed by fault injection.</summary>
    DelayInjected = 1 << 7,
    /// <summary>FI: the request was aborted by fault injection.</summary>
    FaultInjected = 1 << 8,
    /// <summary>UC: upstream connection terminated before the response.</summary>
    UpstreamConnectionTermination = 1 << 9,
    /// <summary>UR: upstream remote reset.</summary>
    UpstreamRemoteReset = 1 << 10,
    /// <summary>NC: the route names a cluster that does not exist.</summary>
    NoClusterFound = 1 << 11,
    /// <summary>LR: reset locally.</summary>
    LocalReset = 1 << 12,
}
